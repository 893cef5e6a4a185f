using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

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
    public const string AllowUnwrittenPrivateArraysOption = "immutable.IMM0004.allow_unwritten_private_arrays";

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
            start.RegisterOperationAction(c => AnalyzeDelegateInitializer(c, immutability, anyAll), OperationKind.FieldInitializer, OperationKind.PropertyInitializer);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, ImmutabilityContext immutability, bool anyAll)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (type.TypeKind == TypeKind.Enum)
        {
            return;
        }

        if (!InScope(type, context.Options, anyAll))
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

    private static bool InScope(INamedTypeSymbol type, AnalyzerOptions options, bool anyAll)
    {
        if (type.IsMutableByDesign())
        {
            return false;
        }

        if (type.IsImmutableAnnotated())
        {
            return true;
        }

        string? scope = anyAll ? OptionReader.Get(options, type.FirstLocation().SourceTree, ScopeOption) : null;
        return scope is not null && scope.Trim().EqualsIgnoreCase("all");
    }

    /// <summary>Static delegates with an initializer: fine when the delegate captures nothing (IMM0002's rule).</summary>
    private static void AnalyzeDelegateInitializer(OperationAnalysisContext context, ImmutabilityContext immutability, bool anyAll)
    {
        ImmutableArray<ISymbol> members = context.Operation switch
        {
            IFieldInitializerOperation fields => fields.InitializedFields.CastArray<ISymbol>(),
            IPropertyInitializerOperation properties => properties.InitializedProperties.CastArray<ISymbol>(),
            _ => ImmutableArray<ISymbol>.Empty,
        };

        foreach (ISymbol member in members)
        {
            ITypeSymbol? memberType = (member as IFieldSymbol)?.Type ?? (member as IPropertySymbol)?.Type;
            if (!member.IsStatic || !IsCheckedStaticState(member) || memberType is not { TypeKind: TypeKind.Delegate } ||
                member.IsMutableByDesign() || !InScope(member.ContainingType, context.Options, anyAll) || immutability.GetVerdict(memberType).IsImmutable)
            {
                continue;
            }

            string? captured = MutableMemberTypeAnalyzer.FindCapture(((ISymbolInitializerOperation)context.Operation).Value);
            if (captured is not null)
            {
                ReportType(context.ReportDiagnostic, immutability, member, memberType,
                    captured.Length == 0 ? "is a delegate that is not known to be free of captured state" : $"is a delegate that captures '{captured}'",
                    context.CancellationToken);
            }
        }
    }

    /// <summary>Static readonly fields and get-only auto-properties (the members whose type decides).</summary>
    private static bool IsCheckedStaticState(ISymbol member) => member switch
    {
        IFieldSymbol field => field.IsReadOnly && !field.IsConst,
        IPropertySymbol property => property.SetMethod is null,
        _ => false,
    };

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

        if (memberType.TypeKind == TypeKind.Delegate && initializer is not null)
        {
            return; // Decided by AnalyzeDelegateInitializer, which sees what the delegate captures.
        }

        if (initializer is not null && memberType is INamedTypeSymbol named && named.FullMetadataName() == "System.Text.Json.JsonSerializerOptions")
        {
            return; // Cached options (CA1869) are frozen by their first use and cannot change afterwards.
        }

        if (member is IFieldSymbol field && memberType is IArrayTypeSymbol &&
            OptionReader.GetBool(context.Options, member.FirstLocation().SourceTree, AllowUnwrittenPrivateArraysOption, defaultValue: false) &&
            ArrayWrites.IsNeverWritten(field, context.CancellationToken))
        {
            return;
        }

        ReportType(context.ReportDiagnostic, immutability, member, memberType, verdict.Reason!, context.CancellationToken);
    }

    private static void ReportType(System.Action<Diagnostic> report, ImmutabilityContext immutability, ISymbol member, ITypeSymbol memberType, string reason, System.Threading.CancellationToken cancellationToken)
    {
        string[] counterparts = immutability.GetCounterparts(memberType);
        ImmutableDictionary<string, string?> properties = counterparts.Length == 0
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(MutableMemberTypeAnalyzer.CounterpartsProperty, string.Join(";", counterparts));
        report(Diagnostic.Create(
            Descriptors.GlobalMutableState,
            MemberSyntax.TypeLocation(member, cancellationToken),
            properties,
            member is IFieldSymbol ? "readonly field" : "property",
            member.Name,
            $"has type '{memberType.Display()}', which {Messages.Shorten(reason)}"));
    }

    private static void Report(SymbolAnalysisContext context, Location location, string? fix, string kind, string name, string problem)
    {
        ImmutableDictionary<string, string?> properties = fix is null
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(MutableMemberAnalyzer.FixProperty, fix);
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.GlobalMutableState, location, properties, kind, name, problem));
    }
}
