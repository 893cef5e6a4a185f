namespace Immutable.Sdk.Testing;

/// <summary>The provider could not be started or shut down as Terraform would expect.</summary>
public sealed class ProviderLaunchException(string message, IReadOnlyList<string> standardError)
    : Exception(message + (standardError.Count > 0 ? "\nProvider stderr:\n" + string.Join('\n', standardError) : string.Empty))
{
    /// <summary>What the provider printed on stderr.</summary>
    public IReadOnlyList<string> StandardError { get; } = standardError;
}
