using System.Text.RegularExpressions;

namespace Immutable.Release;

/// <summary>
/// Release versions are Semantic Versioning 2.0.0: <c>MAJOR.MINOR.PATCH</c>, an optional <c>-prerelease</c>
/// and an optional <c>+build</c>. A leading <c>v</c> is rejected, not stripped: the version is spelled one way
/// everywhere (file names, directories, the lock file), and the tool adds the <c>v</c> only where Terraform's
/// naming wants it (the binary inside the zip, <c>terraform-provider-immutable_v0.1.0</c>).
/// </summary>
public static partial class SemanticVersion
{
    [GeneratedRegex(
        @"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)" +
        @"(-(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(\.(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?" +
        @"(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? version) => version is not null && Pattern().IsMatch(version);

    /// <summary>Returns <paramref name="version"/> if it is valid, or throws with a message that says why not.</summary>
    public static string Validate(string? version)
    {
        if (string.IsNullOrEmpty(version))
        {
            throw new ReleaseException("a version is required (semantic versioning: MAJOR.MINOR.PATCH, e.g. 0.1.0)");
        }

        if (IsValid(version))
        {
            return version;
        }

        if (version[0] is 'v' or 'V' && IsValid(version[1..]))
        {
            throw new ReleaseException(
                $"version '{version}' has a leading 'v': write {version[1..]} (the file names add the 'v' where Terraform expects it)");
        }

        throw new ReleaseException(
            $"version '{version}' is not a semantic version: expected MAJOR.MINOR.PATCH with an optional -prerelease and +build " +
            "(e.g. 0.1.0, 1.2.3-rc.1), numbers without leading zeros");
    }
}
