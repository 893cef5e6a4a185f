namespace Immutable.Release;

/// <summary>A failure the user can act on: its message is printed as is, and the tool exits 1.</summary>
public sealed class ReleaseException(string message) : Exception(message);
