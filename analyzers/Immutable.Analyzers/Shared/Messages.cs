namespace Immutable.Analyzers;

/// <summary>Keeps diagnostic messages short enough to read in a build log (about 200 characters).</summary>
internal static class Messages
{
    private const int MaxReason = 110;
    private const string Which = ", which ";

    /// <summary>
    /// A nested reason ("has the type argument 'A', which has the member 'b' of type 'C', which is an array…") keeps
    /// its first and last clause: "has the type argument 'A', which … is an array…".
    /// </summary>
    public static string Shorten(string reason)
    {
        if (reason.Length <= MaxReason)
        {
            return reason;
        }

        int first = reason.IndexOf(Which, System.StringComparison.Ordinal);
        int last = reason.LastIndexOf(Which, System.StringComparison.Ordinal);
        if (first < 0 || last == first)
        {
            return reason;
        }

        return reason.Substring(0, first + Which.Length) + "… " + reason.Substring(last + Which.Length);
    }
}
