namespace Immutable.Analyzers;

/// <summary>Whether a type is deeply immutable, and if not, why.</summary>
internal readonly struct Verdict
{
    private Verdict(string? reason) => Reason = reason;

    public static Verdict Immutable => default;

    /// <summary>Why the type is mutable, phrased to follow "which": "is an array…"; null when immutable.</summary>
    public string? Reason { get; }

    public bool IsImmutable => Reason is null;

    public static Verdict Mutable(string reason) => new(reason);
}
