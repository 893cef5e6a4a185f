using Immutable.Sdk.Docker.References;

namespace Immutable.Provider.Images;

/// <summary>The <c>name</c> attribute's rule: a bare repository, because the provider tags and pins images itself.</summary>
internal static class ImageName
{
    /// <summary>Why <paramref name="name"/> is not a repository name, or null when it is one.</summary>
    public static string? Problem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        try
        {
            ImageReference.ParseRepository(name);
            return null;
        }
        catch (ImageReferenceException ex)
        {
            return Problem(name, ex.Problem);
        }
    }

    /// <summary>The practitioner's wording of <paramref name="problem"/>.</summary>
    public static string Problem(string name, ImageReferenceProblem problem) => problem switch
    {
        ImageReferenceProblem.HasDigest => $"\"{name}\" contains a digest; give the repository only — the provider pins the digest itself.",
        ImageReferenceProblem.HasTag => $"\"{name}\" contains a tag; give the repository only — the provider tags images by content.",
        _ => $"\"{name}\" is not a repository name: use lowercase letters, digits and separators (. _ -), optionally prefixed by a registry host such as 127.0.0.1:5000/.",
    };
}
