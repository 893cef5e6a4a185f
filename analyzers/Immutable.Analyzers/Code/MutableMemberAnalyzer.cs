using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Immutable.Analyzers.Code;

/// <summary>
/// IMM0001: non-readonly instance fields, set accessors, field-like events, captured primary-constructor parameters
/// and positional properties of non-readonly record structs in [Immutable] types.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MutableMemberAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property naming the fix: see <see cref="FixKinds"/>.</summary>
    public const string FixProperty = "ImmFix";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.MutableMember);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (!ImmutabilityContext.Get(start.Compilation, start.Options).HasImmutableAttribute)
            {
                return;
            }

            start.RegisterSymbolAction(AnalyzeType, SymbolKind.NamedType);

            var reported = new ConcurrentDictionary<IParameterSymbol, bool>(SymbolEqualityComparer.Default);
            start.RegisterOperationAction(c => AnalyzeParameterReference(c, reported), OperationKind.ParameterReference);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!type.IsImmutableAnnotated())
        {
            return;
        }

        string typeName = type.Name;
        foreach (ISymbol member in type.GetMembers())
        {
            if (member.IsStatic || (member.IsImplicitlyDeclared && member is not IPropertySymbol))
            {
                continue;
            }

            switch (member)
            {
                case IFieldSymbol { IsConst: false, IsReadOnly: false, AssociatedSymbol: null } field when !field.IsMutableByDesign():
                    Report(context, field.FirstLocation(), FixKinds.AddReadOnly, "Field", field.Name, typeName, "is not readonly");
                    break;

                case IPropertySymbol { SetMethod: { IsInitOnly: false } setter } property when !property.IsMutableByDesign():
                    ReportSetter(context, type, property, setter, typeName);
                    break;

                case IEventSymbol @event when !@event.IsMutableByDesign() && IsFieldLike(@event, context):
                    Report(context, @event.FirstLocation(), null, "Event", @event.Name, typeName, "is a field-like event, so subscribing changes the instance");
                    break;
            }
        }
    }

    private static void ReportSetter(SymbolAnalysisContext context, INamedTypeSymbol type, IPropertySymbol property, IMethodSymbol setter, string typeName)
    {
        SyntaxNode? setterSyntax = MemberSyntax.GetDeclaration(setter, context.CancellationToken);
        if (setterSyntax is AccessorDeclarationSyntax accessor)
        {
            Report(context, accessor.Keyword.GetLocation(), FixKinds.UseInit, property.IsIndexer ? "Indexer" : "Property", property.Name, typeName, "has a set accessor");
            return;
        }

        if (type.IsRecord && type.TypeKind == TypeKind.Struct && MemberSyntax.GetDeclaration(property, context.CancellationToken) is ParameterSyntax parameter)
        {
            Report(context, parameter.Identifier.GetLocation(), FixKinds.ReadOnlyRecordStruct, "Positional property", property.Name, typeName,
                "is settable because the record struct is not readonly");
            return;
        }

        Report(context, property.FirstLocation(), null, "Property", property.Name, typeName, "has a set accessor");
    }

    private static bool IsFieldLike(IEventSymbol @event, SymbolAnalysisContext context) =>
        !@event.IsAbstract &&
        MemberSyntax.GetDeclaration(@event, context.CancellationToken) is VariableDeclaratorSyntax;

    private static void AnalyzeParameterReference(OperationAnalysisContext context, ConcurrentDictionary<IParameterSymbol, bool> reported)
    {
        IParameterSymbol parameter = ((IParameterReferenceOperation)context.Operation).Parameter;
        if (parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Constructor } constructor ||
            SymbolEqualityComparer.Default.Equals(constructor, context.ContainingSymbol) ||
            context.ContainingSymbol is IFieldSymbol or IPropertySymbol ||
            constructor.ContainingType is not { IsRecord: false } type)
        {
            return;
        }

        // Only primary constructors are declared by the type declaration itself.
        if (MemberSyntax.GetDeclaration(constructor, context.CancellationToken) is not TypeDeclarationSyntax ||
            !type.IsImmutableAnnotated() ||
            parameter.IsMutableByDesign() ||
            !reported.TryAdd(parameter, true))
        {
            return;
        }

        Report(context.ReportDiagnostic, parameter.FirstLocation(), null, "Primary constructor parameter", parameter.Name, type.Name,
            "is captured by a member, which stores it in a hidden mutable field; assign it to a readonly field or property instead");
    }

    private static void Report(SymbolAnalysisContext context, Location location, string? fix, string kind, string name, string typeName, string problem) =>
        Report(context.ReportDiagnostic, location, fix, kind, name, typeName, problem);

    private static void Report(System.Action<Diagnostic> report, Location location, string? fix, string kind, string name, string typeName, string problem)
    {
        ImmutableDictionary<string, string?> properties = fix is null
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(FixProperty, fix);
        report(Diagnostic.Create(Descriptors.MutableMember, location, properties, kind, name, typeName, problem));
    }
}

/// <summary>Values of the fix property shared by IMM0001 and IMM0004.</summary>
public static class FixKinds
{
    public const string AddReadOnly = "readonly";
    public const string UseInit = "init";
    public const string RemoveSetter = "removeSetter";
    public const string ReadOnlyRecordStruct = "readonlyRecordStruct";
}
