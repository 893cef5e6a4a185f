namespace Immutable.Sdk.Docker.Images;

/// <summary>
/// The commit and origin of the git work tree a build context lives in, read from the files in
/// <c>.git</c> (no git binary needed), for the image's OCI revision and source labels.
/// </summary>
internal static class GitRevision
{
    /// <summary>The HEAD commit and the <c>origin</c> URL, each null when not found.</summary>
    public static (string? Commit, string? Origin) Find(string directory)
    {
        for (var current = new DirectoryInfo(Path.GetFullPath(directory)); current is not null; current = current.Parent)
        {
            var git = Path.Combine(current.FullName, ".git");
            if (Directory.Exists(git))
            {
                return (ReadHead(git), ReadOrigin(git));
            }
        }

        return (null, null);
    }

    private static string? ReadHead(string git)
    {
        try
        {
            var head = File.ReadAllText(Path.Combine(git, "HEAD")).Trim();
            if (!head.StartsWith("ref: ", StringComparison.Ordinal))
            {
                return head;
            }

            var reference = head[5..];
            var loose = Path.Combine(git, reference);
            if (File.Exists(loose))
            {
                return File.ReadAllText(loose).Trim();
            }

            var packed = Path.Combine(git, "packed-refs");
            return File.Exists(packed)
                ? File.ReadLines(packed).Select(l => l.Split(' ')).FirstOrDefault(p => p.Length == 2 && p[1] == reference)?[0]
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string? ReadOrigin(string git)
    {
        try
        {
            var inOrigin = false;
            foreach (var line in File.ReadLines(Path.Combine(git, "config")).Select(l => l.Trim()))
            {
                if (line.StartsWith('['))
                {
                    inOrigin = line == "[remote \"origin\"]";
                }
                else if (inOrigin && line.StartsWith("url", StringComparison.Ordinal) && line.Contains('=', StringComparison.Ordinal))
                {
                    return line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }
}
