using System.Text;

namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>
/// Go's <c>path/filepath</c> rules for '/'-separated paths, as Docker applies them on Linux. Written
/// from the documented semantics of <c>filepath.Clean</c> and <c>filepath.Dir</c>; the backslash is an
/// ordinary character here (it escapes in patterns), whatever the host OS, so results match a Linux daemon.
/// </summary>
internal static class GoPath
{
    /// <summary>
    /// <c>filepath.Clean</c>: collapse repeated slashes, drop <c>.</c> elements, fold <c>name/..</c>,
    /// drop <c>..</c> directly under the root, strip a trailing slash; an empty result is <c>.</c>.
    /// </summary>
    public static string Clean(string path)
    {
        if (path.Length == 0)
        {
            return ".";
        }

        var rooted = path[0] == '/';
        var kept = new List<string>();
        // Count of leading ".." elements that could not be folded (relative paths only).
        var leadingUp = 0;
        foreach (var element in path.Split('/'))
        {
            if (element.Length == 0 || element == ".")
            {
                continue;
            }

            if (element == "..")
            {
                if (kept.Count > leadingUp)
                {
                    kept.RemoveAt(kept.Count - 1);
                }
                else if (!rooted)
                {
                    kept.Add("..");
                    leadingUp++;
                }

                // ".." at the root of a rooted path stays at the root.
                continue;
            }

            kept.Add(element);
        }

        var joined = string.Join('/', kept);
        if (rooted)
        {
            return "/" + joined;
        }

        return joined.Length == 0 ? "." : joined;
    }

    /// <summary><c>filepath.Dir</c>: everything before the last slash, cleaned; <c>.</c> when there is no slash.</summary>
    public static string Dir(string path)
    {
        var slash = path.LastIndexOf('/');
        return Clean(slash < 0 ? string.Empty : path[..(slash + 1)]);
    }

    /// <summary>True when a cleaned relative path climbs above its base (<c>..</c> or <c>../x</c>).</summary>
    public static bool EscapesBase(string cleaned) =>
        cleaned == ".." || cleaned.StartsWith("../", StringComparison.Ordinal);

    /// <summary>Converts an OS path fragment to forward slashes (a no-op off Windows, where '\' is a name character).</summary>
    public static string ToSlash(string path) =>
        Path.DirectorySeparatorChar == '/' ? path : path.Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>Converts a forward-slash relative path to the OS form.</summary>
    public static string FromSlash(string path) =>
        Path.DirectorySeparatorChar == '/' ? path : path.Replace('/', Path.DirectorySeparatorChar);

    /// <summary>Quotes a string unambiguously (JSON string rules) for canonical text.</summary>
    public static void AppendQuoted(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case < ' ' or '\u007f':
                    builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        builder.Append('"');
    }
}
