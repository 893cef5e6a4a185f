using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Immutable.Analyzers.CodeFixes;

/// <summary>Helpers shared by the code fixes.</summary>
internal static class SafeEdit
{
    /// <summary>
    /// Adds imports for, simplifies and formats annotated nodes, then returns the new document only if it has no more
    /// compiler errors than the old one. A fix that would break the document it edits is not offered.
    /// </summary>
    public static async Task<Document?> FinishAsync(Document original, Document changed, CancellationToken cancellationToken)
    {
        changed = await ImportAdder.AddImportsAsync(changed, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        changed = await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);

        int before = await CountErrorsAsync(original, cancellationToken).ConfigureAwait(false);
        int after = await CountErrorsAsync(changed, cancellationToken).ConfigureAwait(false);
        return after <= before ? changed : null;
    }

    private static async Task<int> CountErrorsAsync(Document document, CancellationToken cancellationToken)
    {
        SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null)
        {
            return 0;
        }

        int errors = 0;
        foreach (Diagnostic diagnostic in model.GetDiagnostics(cancellationToken: cancellationToken))
        {
            if (diagnostic.Severity == DiagnosticSeverity.Error)
            {
                errors++;
            }
        }

        return errors;
    }
}
