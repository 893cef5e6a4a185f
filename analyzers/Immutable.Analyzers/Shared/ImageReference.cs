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
        if (IsDeliberatelyMissing(name))
        {
            return null; // A negative test that expects the pull to fail.
        }

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

    private static readonly string[] MissingMarkers = { "nonexist", "notexist", "not-exist", "not_exist", "doesnotexist", "does-not-exist", "invalid-image", "no-such-image" };

    /// <summary>Repository names that say the image must not exist (<c>does-not-exist</c>, <c>nonexistent-image</c>).</summary>
    private static bool IsDeliberatelyMissing(string name)
    {
        foreach (string marker in MissingMarkers)
        {
            if (name.IndexOf(marker, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The reference as it will be pulled: <c>nats</c> with the separate tag <c>latest</c> is <c>nats:latest</c>.</summary>
    public static string WithTag(string reference, string? separateTag)
    {
        if (string.IsNullOrWhiteSpace(separateTag))
        {
            return reference;
        }

        int at = reference.IndexOf('@');
        string name = at >= 0 ? reference.Substring(0, at) : reference;
        int slash = name.LastIndexOf('/');
        int colon = name.IndexOf(':', slash + 1);
        return (colon >= 0 ? name.Substring(0, colon) : name) + ":" + separateTag!.Trim();
    }
}
