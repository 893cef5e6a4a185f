using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Immutable.Sdk.Docker.References;

/// <summary>
/// An image reference parsed once, the way Docker parses it (distribution/reference):
/// <c>[domain/]path[:tag][@digest]</c>. A name without a registry host belongs to Docker Hub
/// (<c>docker.io</c>), and a single-component Hub name to its <c>library/</c> namespace.
/// <see cref="ToString"/> gives the reference as written; <see cref="Canonical"/> and
/// <see cref="FamiliarName"/> give Docker's two normal forms.
/// </summary>
public sealed partial record ImageReference
{
    /// <summary>Docker Hub's registry domain, as references name it.</summary>
    public const string DockerHub = "docker.io";

    private const string LibraryNamespace = "library/";

    private ImageReference(string name, string domain, string path, string? tag, string? digest)
    {
        Name = name;
        Domain = domain;
        Path = path;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The repository as written, without tag or digest (e.g. <c>nginx</c>, <c>127.0.0.1:5000/shop/api</c>).</summary>
    public string Name { get; }

    /// <summary>The registry host (and port): <c>docker.io</c> when the name gives none.</summary>
    public string Domain { get; }

    /// <summary>The repository path inside the registry, e.g. <c>library/nginx</c> or <c>shop/api</c>.</summary>
    public string Path { get; }

    /// <summary>The tag, or null.</summary>
    public string? Tag { get; }

    /// <summary>The digest (<c>sha256:...</c>), or null.</summary>
    public string? Digest { get; }

    /// <summary>The fully qualified repository, e.g. <c>docker.io/library/nginx</c>.</summary>
    public string Repository => $"{Domain}/{Path}";

    /// <summary>The repository as Docker shows it: without <c>docker.io/</c> and <c>library/</c>.</summary>
    public string FamiliarName =>
        Domain != DockerHub ? Repository
        : Path.StartsWith(LibraryNamespace, StringComparison.Ordinal) && Path.IndexOf('/', LibraryNamespace.Length) < 0 ? Path[LibraryNamespace.Length..]
        : Path;

    /// <summary>The fully qualified reference, e.g. <c>docker.io/library/nginx:1.27@sha256:...</c>.</summary>
    public string Canonical => Repository + Suffix;

    private string Suffix => (Tag is null ? string.Empty : ":" + Tag) + (Digest is null ? string.Empty : "@" + Digest);

    /// <summary>True for a local image id: <c>sha256:</c> and up to 64 lowercase hex digits (a full or short id).</summary>
    public static bool IsImageId(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ImageIdPattern().IsMatch(text);
    }

    /// <summary>
    /// True when <paramref name="text"/> names one content for good: a full local image id
    /// (<c>sha256:</c> and 64 hex digits) or a reference with a <c>sha256</c> digest.
    /// </summary>
    public static bool IsPinned(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FullDigestPattern().IsMatch(text) || (TryParse(text, out var reference) && reference.Digest is { } digest && FullDigestPattern().IsMatch(digest));
    }

    /// <summary>Parses a reference; throws <see cref="ImageReferenceException"/> when it is not one.</summary>
    public static ImageReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (name, tag, digest) = Split(text);
        if (digest is not null && !DigestPattern().IsMatch(digest))
        {
            throw new ImageReferenceException(ImageReferenceProblem.Malformed, $"\"{text}\" has an invalid digest \"{digest}\".");
        }

        if (tag is not null && !TagPattern().IsMatch(tag))
        {
            throw new ImageReferenceException(ImageReferenceProblem.Malformed, $"\"{text}\" has an invalid tag \"{tag}\".");
        }

        return ParseName(text, name, tag, digest);
    }

    /// <summary>Parses a reference; false when <paramref name="text"/> is not one.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ImageReference? reference)
    {
        reference = null;
        if (text is null)
        {
            return false;
        }

        try
        {
            reference = Parse(text);
            return true;
        }
        catch (ImageReferenceException)
        {
            return false;
        }
    }

    /// <summary>
    /// Parses a bare repository name: a digest or a tag is refused (in that order) with its own
    /// <see cref="ImageReferenceProblem"/>, so a caller can say which part must go.
    /// </summary>
    public static ImageReference ParseRepository(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (name, tag, digest) = Split(text);
        if (digest is not null)
        {
            throw new ImageReferenceException(ImageReferenceProblem.HasDigest, $"\"{text}\" contains a digest.");
        }

        if (tag is not null)
        {
            throw new ImageReferenceException(ImageReferenceProblem.HasTag, $"\"{text}\" contains a tag.");
        }

        return ParseName(text, name, null, null);
    }

    /// <summary>This reference with <paramref name="tag"/> (a digest stays, as Docker's <c>WithTag</c> keeps it).</summary>
    public ImageReference WithTag(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (!TagPattern().IsMatch(tag))
        {
            throw new ImageReferenceException(ImageReferenceProblem.Malformed, $"\"{tag}\" is not a tag.");
        }

        return new ImageReference(Name, Domain, Path, tag, Digest);
    }

    /// <summary>This reference pinned to <paramref name="digest"/> (a tag stays, as Docker's <c>WithDigest</c> keeps it).</summary>
    public ImageReference WithDigest(string digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        if (!DigestPattern().IsMatch(digest))
        {
            throw new ImageReferenceException(ImageReferenceProblem.Malformed, $"\"{digest}\" is not a digest.");
        }

        return new ImageReference(Name, Domain, Path, Tag, digest);
    }

    /// <summary>The repository alone: no tag, no digest.</summary>
    public ImageReference WithoutTagOrDigest() => new(Name, Domain, Path, null, null);

    /// <summary>True when both name the same repository, however each was written (<c>nginx</c> = <c>docker.io/library/nginx</c>).</summary>
    public bool SameRepository(ImageReference other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Repository == other.Repository;
    }

    /// <summary>The reference as written: <see cref="Name"/>, then <c>:tag</c> and <c>@digest</c> when present.</summary>
    public override string ToString() => Name + Suffix;

    /// <summary>The grammar's structure: the digest follows the first '@', the tag the last ':' after the last '/'.</summary>
    private static (string Name, string? Tag, string? Digest) Split(string text)
    {
        string? digest = null;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = text[(at + 1)..];
            text = text[..at];
        }

        var colon = text.LastIndexOf(':');
        if (colon > text.LastIndexOf('/'))
        {
            return (text[..colon], text[(colon + 1)..], digest);
        }

        return (text, null, digest);
    }

    private static ImageReference ParseName(string text, string name, string? tag, string? digest)
    {
        // Docker's rule: the first component is a registry host when it contains '.' or ':', is
        // "localhost", or has an uppercase letter (repository paths are lowercase).
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? null : name[..slash];
        var hasDomain = first is not null &&
            (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost" || first.Any(char.IsUpper));
        var domain = hasDomain ? first! : DockerHub;
        var path = hasDomain ? name[(slash + 1)..] : name;
        if ((hasDomain && !DomainPattern().IsMatch(domain)) || !PathPattern().IsMatch(path))
        {
            throw new ImageReferenceException(ImageReferenceProblem.Malformed, $"\"{text}\" is not an image reference.");
        }

        if (domain == "index.docker.io")
        {
            domain = DockerHub;
        }

        if (domain == DockerHub && !path.Contains('/', StringComparison.Ordinal))
        {
            path = LibraryNamespace + path;
        }

        return new ImageReference(name, domain, path, tag, digest);
    }

    [GeneratedRegex(@"^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DomainPattern();

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"^[\w][\w.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$", RegexOptions.CultureInvariant)]
    private static partial Regex DigestPattern();

    [GeneratedRegex("^sha256:[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex FullDigestPattern();

    [GeneratedRegex("^sha256:[0-9a-f]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex ImageIdPattern();
}
