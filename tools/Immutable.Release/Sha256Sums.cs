using System.Text;

namespace Immutable.Release;

/// <summary>
/// The SHA256SUMS file of a release, as sha256sum and goreleaser write it and the registry reads it:
/// a line <c>HEX  FILENAME</c> a file (two spaces, lowercase hex, file name without directory), sorted by name.
/// </summary>
public static class Sha256Sums
{
    public static string Format(IEnumerable<string> files)
    {
        var text = new StringBuilder();
        foreach (var file in files.OrderBy(Path.GetFileName, StringComparer.Ordinal))
        {
            text.Append(PackageHashes.Sha256HexOfFile(file)).Append("  ").Append(Path.GetFileName(file)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Reads a SHA256SUMS file into file name → lowercase hex.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sums = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split("  ", 2);
            if (parts.Length != 2 || parts[0].Length != 64)
            {
                throw new ReleaseException($"malformed SHA256SUMS line: {line}");
            }

            sums[parts[1]] = parts[0];
        }

        return sums;
    }
}
