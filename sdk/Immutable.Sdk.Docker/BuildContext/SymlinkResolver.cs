namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>
/// Go's <c>filepath.EvalSymlinks</c> for an absolute path: every component that is a symlink is replaced
/// by its target, component by component, so <c>..</c> after a link climbs from where the link leads.
/// </summary>
internal static class SymlinkResolver
{
    private const int MaxLinks = 40;

    /// <summary>Resolves every symlink in an absolute path. Missing components are kept as written.</summary>
    /// <exception cref="IOException">A symlink loop.</exception>
    public static string Resolve(string absolutePath)
    {
        var links = 0;
        return Resolve(absolutePath, ref links);
    }

    /// <summary>Like <see cref="Resolve(string)"/> but returns the input on failure.</summary>
    public static string TryResolve(string absolutePath)
    {
        try
        {
            return Resolve(absolutePath);
        }
        catch (IOException)
        {
            return absolutePath;
        }
    }

    private static string Resolve(string absolutePath, ref int links)
    {
        var root = Path.GetPathRoot(absolutePath) ?? string.Empty;
        var current = root;
        var parts = absolutePath[root.Length..].Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        foreach (var part in parts)
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Join(current, part);
            string? target;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (UnauthorizedAccessException)
            {
                target = null;
            }

            if (target is null)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"too many levels of symbolic links at '{next}'");
            }

            current = Resolve(Path.IsPathRooted(target) ? target : Path.Join(current, target), ref links);
        }

        return current;
    }
}
