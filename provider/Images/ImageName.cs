using System.Text.RegularExpressions;

namespace Immutable.Provider.Images;

/// <summary>Rules for image repository names and the provider's content-derived tags.</summary>
public static partial class ImageName
{
    /// <summary>The tag an image gets: derived from its context digest, so equal inputs share a tag.</summary>
    public static string ContentTag(string contextDigest)
    {
        ArgumentNullException.ThrowIfNull(contextDigest);
        var hex = contextDigest.StartsWith("sha256:", StringComparison.Ordinal) ? contextDigest[7..] : contextDigest;
        return "ctx-" + hex[..Math.Min(16, hex.Length)];
    }

    /// <summary>Why <paramref name="name"/> is not a repository name, or null when it is one.</summary>
    public static string? Problem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Contains('@', StringComparison.Ordinal))
        {
            return $"\"{name}\" contains a digest; give the repository only — the provider pins the digest itself.";
        }

        var lastSlash = name.LastIndexOf('/');
        if (name.IndexOf(':', lastSlash + 1) >= 0)
        {
            return $"\"{name}\" contains a tag; give the repository only — the provider tags images by content.";
        }

        return Repository().IsMatch(name)
            ? null
            : $"\"{name}\" is not a repository name: use lowercase letters, digits and separators (. _ -), optionally prefixed by a registry host such as 127.0.0.1:5000/.";
    }

    [GeneratedRegex(@"^(?:(?:[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Repository();
}
