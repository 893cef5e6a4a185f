namespace Immutable.Cty;

/// <summary>
/// Base class for errors that concern a specific location inside a cty value.
/// </summary>
public abstract class CtyException : Exception
{
    /// <summary>Creates an exception for the given location.</summary>
    /// <param name="path">Where in the value the problem was found.</param>
    /// <param name="reason">What went wrong, without the path.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    protected CtyException(CtyPath path, string reason, Exception? innerException)
        : base(Format(path, reason), innerException)
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>Gets the location inside the value where the problem was found; empty for the root.</summary>
    public CtyPath Path { get; }

    /// <summary>Gets the description of the problem without the path prefix.</summary>
    public string Reason { get; }

    private static string Format(CtyPath path, string reason)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Count == 0 ? reason : $"{path}: {reason}";
    }
}
