using System.Text;

namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>
/// What differs between the file list of a prior build and a context as planned now: files and
/// links added, removed or modified (content, mode or kind). Directories count only when added or
/// removed empty-handed, since their files say the rest.
/// </summary>
public sealed record ContextChanges(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Modified)
{
    /// <summary>How many paths a description lists before it only counts.</summary>
    public const int Listed = 20;

    /// <summary>True when nothing differs.</summary>
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Modified.Count == 0;

    /// <summary>Compares a prior manifest (see <see cref="ContextManifest.Load"/>) with a snapshot.</summary>
    public static ContextChanges Between(IReadOnlyDictionary<string, string> prior, ContextSnapshot current)
    {
        ArgumentNullException.ThrowIfNull(prior);
        ArgumentNullException.ThrowIfNull(current);
        var added = new List<string>();
        var modified = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in current.Entries)
        {
            seen.Add(entry.Path);
            if (!prior.TryGetValue(entry.Path, out var before))
            {
                added.Add(entry.Path);
            }
            else if (before != ContextManifest.Signature(entry) && entry.Kind != ContextEntryKind.Directory)
            {
                modified.Add(entry.Path);
            }
        }

        var removed = prior.Keys.Where(p => !seen.Contains(p)).Order(PathOrder.Instance).ToList();
        return new ContextChanges(WithoutParents(added), WithoutParents(removed), modified);
    }

    /// <summary>
    /// Lines such as <c>~ app.txt</c>, <c>- notes.txt</c>, <c>+ src/new.cs</c> (modified, removed,
    /// added), the first <see cref="Listed"/> of them, then how many more.
    /// </summary>
    public string Describe()
    {
        var lines = Modified.Select(p => "~ " + p).Concat(Removed.Select(p => "- " + p)).Concat(Added.Select(p => "+ " + p)).ToList();
        var text = new StringBuilder()
            .Append(Count(Modified.Count, "modified")).Append(", ").Append(Count(Removed.Count, "removed")).Append(", ").Append(Count(Added.Count, "added")).Append(':');
        foreach (var line in lines.Take(Listed))
        {
            text.Append("\n  ").Append(line);
        }

        if (lines.Count > Listed)
        {
            text.Append("\n  … and ").Append(lines.Count - Listed).Append(" more");
        }

        return text.ToString();
    }

    private static string Count(int count, string what) => $"{count} {(count == 1 ? "file" : "files")} {what}";

    // A new directory with new files in it is news once, through its files; keep a directory only
    // when nothing beneath it is listed (an empty one).
    private static List<string> WithoutParents(List<string> paths)
    {
        var ancestors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
            {
                if (!ancestors.Add(path[..slash]))
                {
                    break;
                }
            }
        }

        return paths.Where(p => !ancestors.Contains(p)).ToList();
    }
}
