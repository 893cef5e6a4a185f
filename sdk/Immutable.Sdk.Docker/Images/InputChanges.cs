using System.Text;
using Immutable.Sdk.Docker.BuildContext;

namespace Immutable.Sdk.Docker.Images;

/// <summary>
/// Why an image's context digest changes, in words a plan can show: which inputs differ from the
/// build in state (Dockerfile, build args, target, platform, labels, the context directory) and
/// which files were added, removed or modified, from the file list the prior build's scan kept
/// (see <see cref="ContextManifest"/>). Build-arg and label values are not shown, only their names.
/// </summary>
public static class InputChanges
{
    /// <summary>The explanation, or null when the digests are equal.</summary>
    /// <param name="prior">The inputs recorded in state.</param>
    /// <param name="priorDigest">The context digest recorded in state.</param>
    /// <param name="current">The context as scanned for this plan.</param>
    /// <param name="cacheDirectory">Where scans keep file lists (the provider's cache directory), or null.</param>
    public static string? Explain(BuildInputs prior, string priorDigest, ContextSnapshot current, string? cacheDirectory)
    {
        ArgumentNullException.ThrowIfNull(prior);
        ArgumentNullException.ThrowIfNull(current);
        if (priorDigest == current.Digest)
        {
            return null;
        }

        var now = current.Inputs;
        var text = new StringBuilder($"context_digest {Short(priorDigest)} → {Short(current.Digest)} because of:");
        Compare(text, "context", prior.ContextDirectory, now.ContextDirectory);
        Compare(text, "dockerfile", prior.Dockerfile ?? "Dockerfile", now.Dockerfile ?? "Dockerfile");
        Compare(text, "target", prior.Target, now.Target);
        Compare(text, "platform", prior.Platform, now.Platform);
        CompareNames(text, "build_args", prior.BuildArgs, now.BuildArgs);
        CompareNames(text, "labels", prior.Labels, now.Labels);

        var files = cacheDirectory is null ? null : ContextManifest.Load(cacheDirectory, priorDigest);
        if (files is null)
        {
            text.Append("\n- files: not known here. The file list of the prior build is kept by the provider's cache on the machine that planned it")
                .Append(cacheDirectory is null ? string.Empty : $" ({Path.Combine(cacheDirectory, "manifests")})")
                .Append(", and this machine has none.");
        }
        else if (ContextChanges.Between(files, current) is { IsEmpty: false } changes)
        {
            text.Append("\n- files: ").Append(changes.Describe().Replace("\n", "\n  ", StringComparison.Ordinal));
        }
        else
        {
            text.Append("\n- files: none changed");
        }

        return text.ToString();
    }

    private static string Short(string digest) => digest.Length > 19 ? digest[..19] + "…" : digest;

    private static void Compare(StringBuilder text, string name, string? before, string? after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            text.Append($"\n- {name}: {Quote(before)} → {Quote(after)}");
        }
    }

    private static void CompareNames(StringBuilder text, string name, IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        var changed = after.Keys.Where(k => before.TryGetValue(k, out var old) && old != after[k]).Order(StringComparer.Ordinal).ToList();
        var added = after.Keys.Where(k => !before.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var removed = before.Keys.Where(k => !after.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var parts = new List<string>();
        if (changed.Count > 0)
        {
            parts.Add("changed " + string.Join(", ", changed));
        }

        if (added.Count > 0)
        {
            parts.Add("added " + string.Join(", ", added));
        }

        if (removed.Count > 0)
        {
            parts.Add("removed " + string.Join(", ", removed));
        }

        if (parts.Count > 0)
        {
            text.Append($"\n- {name}: {string.Join("; ", parts)}");
        }
    }

    private static string Quote(string? value) => value is null ? "(none)" : $"\"{value}\"";
}
