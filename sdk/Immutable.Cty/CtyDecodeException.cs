namespace Immutable.Cty;

/// <summary>
/// Thrown when msgpack or JSON input cannot be decoded as a value of the requested type.
/// Every decoding failure, including malformed or truncated input, surfaces as this type.
/// </summary>
public sealed class CtyDecodeException : CtyException
{
    /// <summary>Creates a decode error.</summary>
    /// <param name="path">Where in the value decoding failed.</param>
    /// <param name="reason">What went wrong.</param>
    /// <param name="innerException">The underlying reader failure, if any.</param>
    public CtyDecodeException(CtyPath path, string reason, Exception? innerException = null)
        : base(path, reason, innerException)
    {
    }
}
