using System.Security.Cryptography;

namespace Immutable.Release.Tests;

/// <summary>Every path below a directory with its content hash (directories as "dir"), to compare before and after.</summary>
internal static class Snapshot
{
    public static string Of(string root)
    {
        if (!Directory.Exists(root))
        {
            return "(absent)";
        }

        return string.Join('\n', Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => Path.GetRelativePath(root, path) + " " +
                            (Directory.Exists(path) ? "dir" : Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))))));
    }
}
