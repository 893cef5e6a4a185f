using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Immutable.Analyzers.Code;

/// <summary>
/// IMM0004: process-global mutable state — non-readonly static fields, settable static properties, static field-like
/// events and static readonly members of a mutable type. By default only in [Immutable] types;
/// <c>immutable.IMM0004.scope = all</c> checks every type.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GlobalMutableStateAnalyzer : DiagnosticAnalyzer
{
    public const string ScopeOption = "immutable.IMM0004.scope";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.GlobalMutableState);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            ImmutabilityContext immutability = ImmutabilityContext.Get(start.Compilation, start.Options);
            bool anyAll = OptionReader.GetCompilationWide(start.Options, start.Compilation, ScopeOption)
                .Exists(v => v.Trim().EqualsIgnoreCase("all"));
            if (!immutability.HasImmutableAttribute && !anyAll)
            {
                return;
            }

            start.RegisterSymbolAction(c => AnalyzeType(c, immutability, anyAll), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, ImmutabilityContext immutability, bool anyAll)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (type.TypeKind == TypeKind.Enum)
        {
            return;
        }

        if (!type.IsImmutableAnnotated())
        {
            if (!anyAll)
            {
                return;
            }

            string? scope = OptionReader.Get(context.Options, type.FirstLocation().SourceTree, ScopeOption);
            if (scope is null || !scope.Trim().EqualsIgnoreCase("all"))
            {
                return;
            }
        }

        if (type.IsMutableByDesign())
        {
            return;
        }

        foreach (ISymbol member in type.GetMembers())
        {
            if (!member.IsStatic || member.IsImplicitlyDeclared || member.IsMutableByDesign())
            {
                continue;
            }

            switch (member)
            {
                case IFieldSymbol { IsConst: false } field:
                    if (!field.IsReadOnly)
                    {
                        Report(context, field.FirstLocation(), FixKinds.AddReadOnly, "field", field.Name, "is not readonly");
                    }
                    else
                    {
                        CheckType(context, immutability, field, field.Type);
                    }

                    break;

                case IPropertySymbol property:
                    if (property.SetMethod is not null)
                    {
                        Location location = MemberSyntax.GetDeclaration(property.SetMethod, context.CancellationToken) is AccessorDeclarationSyntax accessor
                            ? accessor.Keyword.GetLocation()
                            : property.FirstLocation();
                        Report(context, location, FixKinds.RemoveSetter, "property", property.Name, "has a set accessor");
                    }
                    else if (MemberSyntax.GetDeclaration(property, context.CancellationToken) is PropertyDeclarationSyntax { AccessorList: { } accessors } &&
                             IsAutoGetter(accessors))
                    {
                        CheckType(context, immutability, property, property.Type);
                    }

                    break;

                case IEventSymbol @event when MemberSyntax.GetDeclaration(@event, context.CancellationToken) is VariableDeclaratorSyntax && !@event.IsAbstract:
                    Report(context, @event.FirstLocation(), null, "event", @event.Name, "is a field-like event, so subscribing changes global state");
                    break;
            }
        }
    }

    private static bool IsAutoGetter(AccessorListSyntax accessors)
    {
        foreach (AccessorDeclarationSyntax accessor in accessors.Accessors)
        {
            if (accessor.Body is not null || accessor.ExpressionBody is not null)
            {
                return false;
            }
        }

        return true;
    }

    private static void CheckType(SymbolAnalysisContext context, ImmutabilityContext immutability, ISymbol member, ITypeSymbol memberType)
    {
        Verdict verdict = immutability.GetVerdict(memberType);
        if (verdict.IsImmutable)
        {
            return;
        }

        ExpressionSyntax? initializer = MemberSyntax.GetInitializer(MemberSyntax.GetDeclaration(member, context.CancellationToken));
        if (memberType.SpecialType == SpecialType.System_Object && MemberSyntax.IsNewPlainObject(initializer))
        {
            return; // A lock object.
        }

        string[] counterparts = immutability.GetCounterparts(memberType);
        ImmutableDictionary<string, string?> properties = counterparts.Length == 0
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(MutableMemberTypeAnalyzer.CounterpartsProperty, string.Join(";", counterparts));
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.GlobalMutableState,
            MemberSyntax.TypeLocation(member, context.CancellationToken),
            properties,
            member is IFieldSymbol ? "readonly field" : "property",
            member.Name,
            $"has type '{memberType.Display()}', which {verdict.Reason}"));
    }

    private static void Report(SymbolAnalysisContext context, Location location, string? fix, string kind, string name, string problem)
    {
        ImmutableDictionary<string, string?> properties = fix is null
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(MutableMemberAnalyzer.FixProperty, fix);
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.GlobalMutableState, location, properties, kind, name, problem));
    }
}
