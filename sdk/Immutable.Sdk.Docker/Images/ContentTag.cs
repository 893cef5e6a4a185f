namespace Immutable.Sdk.Docker.Images;

/// <summary>The tag an image gets: derived from its context digest, so equal inputs share a tag.</summary>
public static class ContentTag
{
    /// <summary><c>ctx-</c> and the first 16 hex digits of <paramref name="contextDigest"/>.</summary>
    public static string Of(string contextDigest)
    {
        ArgumentNullException.ThrowIfNull(contextDigest);
        var hex = contextDigest.StartsWith("sha256:", StringComparison.Ordinal) ? contextDigest[7..] : contextDigest;
        return "ctx-" + hex[..Math.Min(16, hex.Length)];
    }
}
