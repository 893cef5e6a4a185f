using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Immutable.Analyzers.Code;

/// <summary>
/// IMM0002: the deep check. Every instance member that holds state in an [Immutable] type must have a deeply
/// immutable type, because a readonly reference to a <c>List&lt;T&gt;</c> still lets anyone change the list.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MutableMemberTypeAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property with the ';'-separated counterparts the member type can be changed to.</summary>
    public const string CounterpartsProperty = "ImmCounterparts";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.MutableMemberType);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            ImmutabilityContext immutability = ImmutabilityContext.Get(start.Compilation, start.Options);
            if (!immutability.HasImmutableAttribute)
            {
                return;
            }

            start.RegisterSymbolAction(c => AnalyzeType(c, immutability), SymbolKind.NamedType);
            start.RegisterOperationAction(c => AnalyzeDelegateInitializer(c, immutability), OperationKind.FieldInitializer, OperationKind.PropertyInitializer);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, ImmutabilityContext immutability)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!type.IsImmutableAnnotated())
        {
            return;
        }

        foreach (ISymbol member in type.GetMembers())
        {
            if (member is not IFieldSymbol { IsStatic: false, IsConst: false } field || field.AssociatedSymbol is IEventSymbol)
            {
                continue;
            }

            // Auto-properties (including positional record properties) are checked through their backing field.
            ISymbol stateMember = field.AssociatedSymbol ?? field;
            if (stateMember.IsMutableByDesign())
            {
                continue;
            }

            Verdict verdict = immutability.GetVerdict(field.Type);
            if (verdict.IsImmutable)
            {
                continue;
            }

            SyntaxNode? declaration = MemberSyntax.GetDeclaration(stateMember, context.CancellationToken);
            ExpressionSyntax? initializer = MemberSyntax.GetInitializer(declaration);
            if (field.Type.TypeKind == TypeKind.Delegate && initializer is not null)
            {
                continue; // Decided by AnalyzeDelegateInitializer, which sees what the delegate captures.
            }

            if (field.Type.SpecialType == SpecialType.System_Object && MemberSyntax.IsNewPlainObject(initializer))
            {
                continue; // new object(): no state, typically a lock.
            }

            Report(context.ReportDiagnostic, immutability, stateMember, field.Type, type, verdict.Reason!, context.CancellationToken);
        }
    }

    internal static void Report(System.Action<Diagnostic> report, ImmutabilityContext immutability, ISymbol member, ITypeSymbol memberType, INamedTypeSymbol containingType, string reason, System.Threading.CancellationToken cancellationToken)
    {
        string[] counterparts = immutability.GetCounterparts(memberType);
        ImmutableDictionary<string, string?> properties = counterparts.Length == 0
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(CounterpartsProperty, string.Join(";", counterparts));
        report(Diagnostic.Create(
            Descriptors.MutableMemberType,
            MemberSyntax.TypeLocation(member, cancellationToken),
            properties,
            member.KindName(),
            member.Name,
            containingType.Name,
            memberType.Display(),
            Messages.Shorten(reason)));
    }

    private static void AnalyzeDelegateInitializer(OperationAnalysisContext context, ImmutabilityContext immutability)
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
            if (member.IsStatic ||
                memberType is not { TypeKind: TypeKind.Delegate } ||
                member.ContainingType is not { } type ||
                !type.IsImmutableAnnotated() ||
                member.IsMutableByDesign() ||
                immutability.GetVerdict(memberType).IsImmutable)
            {
                continue;
            }

            if (member is IPropertySymbol && !HasBackingField(type, member))
            {
                continue;
            }

            IOperation value = ((ISymbolInitializerOperation)context.Operation).Value;
            string? captured = FindCapture(value);
            if (captured is not null)
            {
                Report(context.ReportDiagnostic, immutability, member, memberType, type,
                    captured.Length == 0 ? "is a delegate that is not known to be free of captured state" : $"is a delegate that captures '{captured}'",
                    context.CancellationToken);
            }
        }
    }

    private static bool HasBackingField(INamedTypeSymbol type, ISymbol property)
    {
        foreach (ISymbol member in type.GetMembers())
        {
            if (member is IFieldSymbol { AssociatedSymbol: { } associated } && SymbolEqualityComparer.Default.Equals(associated, property))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Null when the delegate captures nothing; otherwise the name of what it captures, or "" when unknown.
    /// In an initializer, only primary-constructor parameters (and what they refer to) can be captured.
    /// </summary>
    internal static string? FindCapture(IOperation value)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        if (value.ConstantValue is { HasValue: true, Value: null })
        {
            return null;
        }

        if (value is not IDelegateCreationOperation { Target: { } target })
        {
            return string.Empty;
        }

        if (target is IAnonymousFunctionOperation { Symbol.IsStatic: true })
        {
            return null;
        }

        if (target is IMethodReferenceOperation { Instance: null })
        {
            return null;
        }

        foreach (IOperation operation in target.DescendantsAndSelf())
        {
            if (operation is IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } } parameter })
            {
                return parameter.Name;
            }

            if (operation is IInstanceReferenceOperation)
            {
                return "this";
            }
        }

        return target is IMethodReferenceOperation ? string.Empty : null;
    }
}
