using System;

namespace Immutable.Analyzers;

/// <summary>Parses container image references: <c>[registry[:port]/]repository[:tag][@digest]</c>.</summary>
internal static class ImageReference
{
    /// <summary>
    /// Why the reference is mutable (phrased to follow the reference), or null when it is pinned.
    /// <paramref name="separateTag"/> is a tag given next to the reference (for example Aspire's <c>tag</c> argument).
    /// </summary>
    public static string? FindProblem(string reference, string? separateTag, bool separateDigest, bool requireDigest)
    {
        reference = reference.Trim();
        if (reference.Length == 0 || reference.IndexOfAny(new[] { ' ', '{', '$' }) >= 0)
        {
            return null; // Not an image reference we can judge.
        }

        int at = reference.IndexOf('@');
        string name = at >= 0 ? reference.Substring(0, at) : reference;
        bool hasDigest = separateDigest || (at >= 0 && reference.IndexOf("sha256:", at, StringComparison.OrdinalIgnoreCase) == at + 1);
        if (hasDigest)
        {
            return null;
        }

        int slash = name.LastIndexOf('/');
        int colon = name.IndexOf(':', slash + 1);
        string? tag = colon >= 0 ? name.Substring(colon + 1) : null;
        if (!string.IsNullOrWhiteSpace(separateTag))
        {
            tag = separateTag!.Trim();
        }

        if (string.IsNullOrEmpty(tag))
        {
            return "has no tag, so it means 'latest'";
        }

        if (tag!.EqualsIgnoreCase("latest"))
        {
            return "uses the 'latest' tag, which moves";
        }

        return requireDigest ? "is not pinned by an @sha256: digest (immutable.IMM0008.require_digest = true)" : null;
    }
}
