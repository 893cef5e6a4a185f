namespace Immutable.Sdk.Testing;

/// <summary>
/// The provider answered with error diagnostics, or with a result Terraform core would reject.
/// The message reads like Terraform's output.
/// </summary>
public sealed class TerraformDiagnosticsException(string operation, IReadOnlyList<string> errors)
    : Exception($"{operation} failed:\n  " + string.Join("\n  ", errors))
{
    /// <summary>The RPC or check that failed.</summary>
    public string Operation { get; } = operation;

    /// <summary>Each error, formatted as "summary: detail (at path)".</summary>
    public IReadOnlyList<string> Errors { get; } = errors;
}
