using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>
/// The content address of a build input: <c>sha256:</c> over a canonical text that names everything
/// that can change the image and nothing that cannot.
/// <para>
/// Included: the Dockerfile path; target; platform; SOURCE_DATE_EPOCH (it is written into the tar);
/// build args and labels, each sorted by key in code-point order (labels change the image config, so
/// they belong); then every entry in path order with its kind, normalized mode, and the content hash for
/// files or the target for symlinks. An entry sent only for the builder (the Dockerfile or .dockerignore
/// when the patterns exclude them) is marked so; for such a .dockerignore the content is left out, since
/// its whole effect (which files are sent, and that the builder drops it and the Dockerfile from
/// <c>COPY</c>) is already described by the entries. Excluded: mtimes, owners, absolute paths, the host's
/// path separator, the ignore file's name and comments, and every incidental byte of the tar.
/// </para>
/// <para>
/// Strings are written as JSON string literals, one record per line, so no value can forge another record.
/// </para>
/// </summary>
public static class ContextDigest
{
    /// <summary>The first line of the canonical text; bump when its meaning changes.</summary>
    public const string Header = "immutable.build-context.v1";

    /// <summary>Computes the digest of a build input.</summary>
    /// <param name="inputs">The build parameters (the context directory itself does not count).</param>
    /// <param name="dockerfile">The Dockerfile path relative to the context, forward slashes.</param>
    /// <param name="entries">The entries in <see cref="PathOrder"/>.</param>
    /// <param name="ignoreFile">The ignore file in force (relative), whose builder-only content is left out.</param>
    public static string Compute(BuildInputs inputs, string dockerfile, IReadOnlyList<ContextEntry> entries, string? ignoreFile)
    {
        // The text is hashed in slices as it is produced (about 100 bytes per entry); a scan's table is
        // written straight from its path bytes and digest slots, with no object or string per entry.
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Write(inputs, dockerfile, entries, ignoreFile, (bytes, count) => sha.AppendData(bytes, 0, count));
        return Finish(sha);
    }

    /// <summary>The canonical text the digest is taken over, for diffing two plans.</summary>
    public static string Describe(BuildInputs inputs, string dockerfile, IReadOnlyList<ContextEntry> entries, string? ignoreFile)
    {
        using var text = new MemoryStream();
        Write(inputs, dockerfile, entries, ignoreFile, (bytes, count) => text.Write(bytes, 0, count));
        return Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length);
    }

    // The head as text, then one line per entry from the one entry-line writer (straight from the table when
    // the entries are a scan's table).
    private static void Write(BuildInputs inputs, string dockerfile, IReadOnlyList<ContextEntry> entries, string? ignoreFile, Action<byte[], int> output)
    {
        var head = new StringBuilder();
        WriteHead(head, inputs, dockerfile);
        var headBytes = Encoding.UTF8.GetBytes(head.ToString());
        output(headBytes, headBytes.Length);

        var lines = new DigestEntryLines(output);
        if (entries is ContextTable table)
        {
            var ignore = ignoreFile is null ? [] : Encoding.UTF8.GetBytes(ignoreFile);
            for (var i = 0; i < table.Count; i++)
            {
                lines.Add(table, i, ignore);
            }
        }
        else
        {
            foreach (var entry in entries)
            {
                lines.Add(entry, ignoreFile);
            }
        }

        lines.Flush();
    }

    private static string Finish(IncrementalHash sha)
    {
        Span<byte> hash = stackalloc byte[32];
        sha.GetHashAndReset(hash);
        return FileHashCacheFormat.ToDigest(hash);
    }

    private static void WriteHead(StringBuilder text, BuildInputs inputs, string dockerfile)
    {
        text.Append(Header).Append('\n');
        Line(text, "dockerfile", dockerfile);
        Line(text, "target", inputs.Target);
        Line(text, "platform", inputs.Platform);
        text.Append("source-date-epoch ")
            .Append(inputs.SourceDateEpoch is { } epoch ? epoch.ToString(CultureInfo.InvariantCulture) : "-")
            .Append('\n');
        Pairs(text, "build-arg", inputs.BuildArgs);
        Pairs(text, "label", inputs.Labels);
    }

    private static void Line(StringBuilder text, string name, string? value)
    {
        text.Append(name).Append(' ');
        if (value is null)
        {
            text.Append('-');
        }
        else
        {
            GoPath.AppendQuoted(text, value);
        }

        text.Append('\n');
    }

    private static void Pairs(StringBuilder text, string name, IReadOnlyDictionary<string, string> pairs)
    {
        foreach (var (key, value) in pairs.OrderBy(p => p.Key, PathOrder.Instance))
        {
            text.Append(name).Append(' ');
            GoPath.AppendQuoted(text, key);
            text.Append(' ');
            GoPath.AppendQuoted(text, value);
            text.Append('\n');
        }
    }
}
