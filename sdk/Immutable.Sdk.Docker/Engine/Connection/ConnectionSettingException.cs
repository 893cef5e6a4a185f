namespace Immutable.Sdk.Docker.Engine.Connection;

/// <summary>
/// A connection setting cannot be used (malformed address, unknown context, unreadable or invalid
/// certificate). <see cref="Setting"/> names the provider attribute to point the diagnostic at.
/// </summary>
public sealed class ConnectionSettingException(string setting, string summary, string detail) : Exception($"{summary}: {detail}")
{
    /// <summary>The provider attribute the problem belongs to (e.g. <c>host</c>, <c>ca_material</c>).</summary>
    public string Setting { get; } = setting;

    /// <summary>A short summary.</summary>
    public string Summary { get; } = summary;

    /// <summary>What is wrong and what to do.</summary>
    public string Detail { get; } = detail;
}
