namespace Immutable.Cty;

/// <summary>
/// What is known about an unknown value's eventual result, as go-cty's value refinements: that it will not
/// be null, a string prefix, numeric bounds, or collection length bounds. Immutable; build refined values with
/// <see cref="CtyValue.Refine"/>.
/// </summary>
/// <remarks>
/// A provider that returns a refined unknown in a planned state must honour the refinement in the applied state.
/// </remarks>
public sealed class CtyRefinements : IEquatable<CtyRefinements>
{
    internal CtyRefinements(
        bool notNull,
        string? stringPrefix,
        CtyNumber? numberLowerBound,
        bool numberLowerInclusive,
        CtyNumber? numberUpperBound,
        bool numberUpperInclusive,
        long lengthLowerBound,
        long? lengthUpperBound)
    {
        IsNotNull = notNull;
        StringPrefix = string.IsNullOrEmpty(stringPrefix) ? null : stringPrefix;
        NumberLowerBound = numberLowerBound;
        NumberLowerBoundInclusive = numberLowerBound is not null && numberLowerInclusive;
        NumberUpperBound = numberUpperBound;
        NumberUpperBoundInclusive = numberUpperBound is not null && numberUpperInclusive;
        CollectionLengthLowerBound = lengthLowerBound;
        CollectionLengthUpperBound = lengthUpperBound;
    }

    /// <summary>Gets a value indicating whether the final value is definitely not null.</summary>
    public bool IsNotNull { get; }

    /// <summary>Gets the prefix the final string will start with, or <see langword="null"/> when none is known.</summary>
    public string? StringPrefix { get; }

    /// <summary>Gets the lower bound of a number, or <see langword="null"/> when unbounded below.</summary>
    public CtyNumber? NumberLowerBound { get; }

    /// <summary>Gets a value indicating whether <see cref="NumberLowerBound"/> is inclusive.</summary>
    public bool NumberLowerBoundInclusive { get; }

    /// <summary>Gets the upper bound of a number, or <see langword="null"/> when unbounded above.</summary>
    public CtyNumber? NumberUpperBound { get; }

    /// <summary>Gets a value indicating whether <see cref="NumberUpperBound"/> is inclusive.</summary>
    public bool NumberUpperBoundInclusive { get; }

    /// <summary>Gets the inclusive minimum length of a collection (0 when nothing is known).</summary>
    public long CollectionLengthLowerBound { get; }

    /// <summary>Gets the inclusive maximum length of a collection, or <see langword="null"/> when unbounded.</summary>
    public long? CollectionLengthUpperBound { get; }

    internal bool IsEmpty => !IsNotNull && StringPrefix is null && NumberLowerBound is null && NumberUpperBound is null
        && CollectionLengthLowerBound == 0 && CollectionLengthUpperBound is null;

    /// <inheritdoc />
    public bool Equals(CtyRefinements? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return other is not null
            && IsNotNull == other.IsNotNull
            && string.Equals(StringPrefix, other.StringPrefix, StringComparison.Ordinal)
            && Nullable.Equals(NumberLowerBound, other.NumberLowerBound)
            && NumberLowerBoundInclusive == other.NumberLowerBoundInclusive
            && Nullable.Equals(NumberUpperBound, other.NumberUpperBound)
            && NumberUpperBoundInclusive == other.NumberUpperBoundInclusive
            && CollectionLengthLowerBound == other.CollectionLengthLowerBound
            && CollectionLengthUpperBound == other.CollectionLengthUpperBound;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CtyRefinements);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(IsNotNull);
        h.Add(StringPrefix, StringComparer.Ordinal);
        h.Add(NumberLowerBound);
        h.Add(NumberLowerBoundInclusive);
        h.Add(NumberUpperBound);
        h.Add(NumberUpperBoundInclusive);
        h.Add(CollectionLengthLowerBound);
        h.Add(CollectionLengthUpperBound);
        return h.ToHashCode();
    }

    /// <summary>Describes the refinements, e.g. <c>not null, prefix "ab"</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var parts = new List<string>();
        if (IsNotNull)
        {
            parts.Add("not null");
        }

        if (StringPrefix is not null)
        {
            parts.Add("prefix " + CtyValueFormatter.Quote(StringPrefix));
        }

        if (NumberLowerBound is { } lo)
        {
            parts.Add((NumberLowerBoundInclusive ? ">= " : "> ") + lo);
        }

        if (NumberUpperBound is { } hi)
        {
            parts.Add((NumberUpperBoundInclusive ? "<= " : "< ") + hi);
        }

        if (CollectionLengthLowerBound != 0)
        {
            parts.Add("length >= " + CollectionLengthLowerBound);
        }

        if (CollectionLengthUpperBound is { } max)
        {
            parts.Add("length <= " + max);
        }

        return string.Join(", ", parts);
    }

    // A total order, so unknown set elements sort deterministically.
    internal static int Compare(CtyRefinements? a, CtyRefinements? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null)
        {
            return -1;
        }

        if (b is null)
        {
            return 1;
        }

        int c = a.IsNotNull.CompareTo(b.IsNotNull);
        if (c == 0)
        {
            c = CodePointComparer.Instance.Compare(a.StringPrefix, b.StringPrefix);
        }

        if (c == 0)
        {
            c = CompareBound(a.NumberLowerBound, a.NumberLowerBoundInclusive, b.NumberLowerBound, b.NumberLowerBoundInclusive);
        }

        if (c == 0)
        {
            c = CompareBound(a.NumberUpperBound, a.NumberUpperBoundInclusive, b.NumberUpperBound, b.NumberUpperBoundInclusive);
        }

        if (c == 0)
        {
            c = a.CollectionLengthLowerBound.CompareTo(b.CollectionLengthLowerBound);
        }

        if (c == 0)
        {
            c = Nullable.Compare(a.CollectionLengthUpperBound, b.CollectionLengthUpperBound);
        }

        return c;
    }

    private static int CompareBound(CtyNumber? a, bool aInc, CtyNumber? b, bool bInc)
    {
        if (a is null || b is null)
        {
            return (a is null ? 0 : 1) - (b is null ? 0 : 1);
        }

        int c = a.Value.CompareTo(b.Value);
        return c != 0 ? c : aInc.CompareTo(bInc);
    }
}
