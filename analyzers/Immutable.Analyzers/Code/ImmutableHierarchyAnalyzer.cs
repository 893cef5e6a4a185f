using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Immutable.Analyzers.Code;

/// <summary>
/// IMM0003: an [Immutable] type must not derive from a mutable base type, and a type that derives from or implements
/// an [Immutable] type must be annotated [Immutable] itself.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ImmutableHierarchyAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property set when the fix "add [Immutable]" applies.</summary>
    public const string AddAttributeProperty = "ImmAddImmutable";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.ImmutableHierarchy);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            ImmutabilityContext immutability = ImmutabilityContext.Get(start.Compilation, start.Options);
            if (immutability.HasImmutableAttribute)
            {
                start.RegisterSymbolAction(c => AnalyzeType(c, immutability), SymbolKind.NamedType);
            }
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, ImmutabilityContext immutability)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (type.IsMutableByDesign())
        {
            return;
        }

        if (type.IsImmutableAnnotated())
        {
            if (type.TypeKind == TypeKind.Class && type.BaseType is { SpecialType: not SpecialType.System_Object } baseType)
            {
                Verdict verdict = immutability.GetVerdict(baseType);
                if (!verdict.IsImmutable)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.ImmutableHierarchy,
                        type.FirstLocation(),
                        $"[Immutable] type '{type.Name}' derives from '{baseType.Display()}', which {verdict.Reason}"));
                }
            }

            return;
        }

        INamedTypeSymbol? immutableSuper = null;
        if (type.BaseType is { } direct && direct.OriginalDefinition.IsImmutableAnnotated())
        {
            immutableSuper = direct;
        }
        else
        {
            foreach (INamedTypeSymbol @interface in type.Interfaces)
            {
                if (@interface.OriginalDefinition.IsImmutableAnnotated())
                {
                    immutableSuper = @interface;
                    break;
                }
            }
        }

        if (immutableSuper is null)
        {
            return;
        }

        string relation = immutableSuper.TypeKind == TypeKind.Interface && type.TypeKind != TypeKind.Interface ? "implements" : "derives from";
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.ImmutableHierarchy,
            type.FirstLocation(),
            ImmutableDictionary<string, string?>.Empty.Add(AddAttributeProperty, "true"),
            $"'{type.Name}' {relation} [Immutable] type '{immutableSuper.Display()}' but is not annotated [Immutable], so it can add mutable state"));
    }
}
