using Immutable.Cty;
using Immutable.Sdk.Framework;
using Microsoft.Extensions.Logging;

namespace Immutable.Sdk.Protocol;

/// <summary>
/// The one place where a failure becomes a diagnostic: the protocol service runs every RPC through
/// it and the framework every piece of resource code, so both say the same about the same failure
/// (cancellation included) and nothing reaches gRPC as an error or crashes the plugin.
/// </summary>
internal static class DiagnosticGuard
{
    /// <summary>Runs <paramref name="action"/>; false when it failed and a diagnostic says why.</summary>
    public static async Task<bool> RunAsync(Diagnostics diagnostics, ILogger logger, Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
            return true;
        }
        catch (DiagnosticException ex)
        {
            diagnostics.Add(ex.Diagnostic);
        }
        catch (CtyDecodeException ex)
        {
            diagnostics.AddError("Invalid value from Terraform", $"The request could not be decoded against the schema: {ex.Message}");
        }
        catch (OperationCanceledException)
        {
            diagnostics.AddError("Operation cancelled", "Terraform asked the provider to stop before the operation finished.");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogError(ex, "Unexpected error while serving an RPC");
            diagnostics.AddError("Unexpected provider error", $"{ex.GetType().Name}: {ex.Message}");
        }

        return false;
    }

    /// <summary>Runs synchronous <paramref name="action"/> the same way.</summary>
    public static bool Run(Diagnostics diagnostics, ILogger logger, Action action) =>
        RunAsync(diagnostics, logger, () =>
        {
            action();
            return Task.CompletedTask;
        }).GetAwaiter().GetResult();
}
