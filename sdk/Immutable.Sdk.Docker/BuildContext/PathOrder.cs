using Immutable.Cty;

namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>
/// Orders paths by Unicode code point, which is the byte order of their UTF-8 form: the order every
/// machine agrees on. The comparison is <see cref="CodePointComparer"/>, shared with cty.
/// </summary>
public sealed class PathOrder : IComparer<string>
{
    /// <summary>The single instance.</summary>
    public static PathOrder Instance { get; } = new();

    private PathOrder()
    {
    }

    /// <inheritdoc />
    public int Compare(string? x, string? y) => CodePointComparer.Instance.Compare(x, y);
}
