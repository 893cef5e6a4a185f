namespace Immutable.Cty;

/// <summary>
/// Thrown when a value cannot be encoded: it does not conform to the requested type, or the
/// format cannot represent it (for example an unknown value or an infinity in JSON).
/// </summary>
public sealed class CtyEncodeException : CtyException
{
    /// <summary>Creates an encode error.</summary>
    /// <param name="path">Where in the value encoding failed.</param>
    /// <param name="reason">What went wrong.</param>
    /// <param name="innerException">The underlying writer failure, if any.</param>
    public CtyEncodeException(CtyPath path, string reason, Exception? innerException = null)
        : base(path, reason, innerException)
    {
    }
}
