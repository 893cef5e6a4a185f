namespace Immutable.Cty;

/// <summary>
/// Builds a refined unknown value, like go-cty's <c>RefinementBuilder</c>. Obtain one from
/// <see cref="CtyValue.Refine"/>, chain calls, then call <see cref="NewValue"/>.
/// Refining a known value does nothing: <see cref="NewValue"/> returns it unchanged.
/// </summary>
public sealed class CtyRefinementBuilder
{
    // A list of exactly N unknown elements is materialized only for small N; larger stays a refined unknown.
    private const long MaxCollapsedListLength = 1024;

    private readonly CtyValue _original;
    private bool _null;
    private bool _notNull;
    private string? _prefix;
    private CtyNumber? _lower;
    private bool _lowerInclusive;
    private CtyNumber? _upper;
    private bool _upperInclusive;
    private long _minLength;
    private long? _maxLength;

    internal CtyRefinementBuilder(CtyValue original)
    {
        _original = original;
        if (original.Type.IsDynamic && !original.IsKnown)
        {
            throw new InvalidOperationException("A value of unknown type (dynamic) cannot be refined.");
        }

        if (original.Refinements is { } r)
        {
            _notNull = r.IsNotNull;
            _prefix = r.StringPrefix;
            _lower = r.NumberLowerBound;
            _lowerInclusive = r.NumberLowerBoundInclusive;
            _upper = r.NumberUpperBound;
            _upperInclusive = r.NumberUpperBoundInclusive;
            _minLength = r.CollectionLengthLowerBound;
            _maxLength = r.CollectionLengthUpperBound;
        }
    }

    private bool Active => !_original.IsKnown;

    /// <summary>Declares that the final value will not be null.</summary>
    /// <returns>This builder.</returns>
    public CtyRefinementBuilder NotNull()
    {
        if (_null)
        {
            throw new InvalidOperationException("Value was already refined as null.");
        }

        _notNull = true;
        return this;
    }

    /// <summary>Declares that the final value will be null; <see cref="NewValue"/> then returns a known null.</summary>
    /// <returns>This builder.</returns>
    public CtyRefinementBuilder Null()
    {
        if (_notNull)
        {
            throw new InvalidOperationException("Value was already refined as not null.");
        }

        _null = true;
        return this;
    }

    /// <summary>
    /// Declares a known prefix of a string. The prefix is normalized and then shortened to a part that is safe
    /// against later combining characters (see <see cref="CtyStrings.SafeKnownPrefix"/>), as go-cty does.
    /// </summary>
    /// <param name="prefix">The known prefix.</param>
    /// <returns>This builder.</returns>
    public CtyRefinementBuilder StringPrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return StringPrefixFull(CtyStrings.SafeKnownPrefix(prefix));
    }

    /// <summary>Declares a known prefix of a string exactly as given (after NFC normalization).</summary>
    /// <param name="prefix">The known prefix.</param>
    /// <returns>This builder.</returns>
    public CtyRefinementBuilder StringPrefixFull(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        RequireKind(CtyTypeKind.String, "string prefix");
        prefix = CtyStrings.Normalize(prefix);
        string current = _prefix ?? string.Empty;
        int common = Math.Min(current.Length, prefix.Length);
        if (!current.AsSpan(0, common).SequenceEqual(prefix.AsSpan(0, common)))
        {
            throw new InvalidOperationException("Refined prefix is inconsistent with the previous refined prefix.");
        }

        if (prefix.Length > current.Length)
        {
            _prefix = prefix;
        }

        return this;
    }

    /// <summary>Declares a lower bound of a number. A looser bound than one already present is ignored.</summary>
    /// <param name="min">The bound; negative infinity means unbounded.</param>
    /// <param name="inclusive">Whether the bound itself is a possible value.</param>
    /// <returns>This builder.</returns>
    public CtyRefinementBuilder NumberRangeLowerBound(CtyNumber min, bool inclusive)
    {
        RequireKind(CtyTypeKind.Number, "numeric range");
        if (min.IsNegativeInfinity)
        {
            return this;
        }

        if (_lower is not { } current || min > current || (min == current && !inclusive))
        {
            _lower = min;
            _lowerInclusive = inclusive;
        }

        CheckNumberBounds();
        return this;
    }

    /// <summary>Declares an upper bound of a number. A looser bound than one already present is ignored.</summary>
    /// <param name="max">The bound; positive infinity means unbounded.</param>
    /// <param name="inclusive">Whether the bound itself is a possible value.</param>
    /// <returns>This builder.</returns>
    public CtyRefinementBuilder NumberRangeUpperBound(CtyNumber max, bool inclusive)
    {
        RequireKind(CtyTypeKind.Number, "numeric range");
        if (max.IsPositiveInfinity)
        {
            return this;
        }

        if (_upper is not { } current || max < current || (max == current && !inclusive))
        {
            _upper = max;
            _upperInclusive = inclusive;
        }

        CheckNumberBounds();
        return this;
    }

    /// <summary>Declares inclusive lower and upper bounds of a number.</summary>
    /// <param name="min">The inclusive minimum.</param>
    /// <param name="max">The inclusive maximum.</param>
    /// <returns>This builder.</returns>
    public CtyRefinementBuilder NumberRangeInclusive(CtyNumber min, CtyNumber max) =>
        NumberRangeLowerBound(min, true).NumberRangeUpperBound(max, true);

    /// <summary>Declares the minimum length of a list, set or map.</summary>
    /// <param name="min">The inclusive minimum length.</param>
    /// <returns>This builder.</returns>
    public CtyRefinementBuilder CollectionLengthLowerBound(long min)
    {
        RequireCollection();
        ArgumentOutOfRangeException.ThrowIfNegative(min);
        _minLength = Math.Max(_minLength, min);
        CheckLengthBounds();
        return this;
    }

    /// <summary>Declares the maximum length of a list, set or map.</summary>
    /// <param name="max">The inclusive maximum length.</param>
    /// <returns>This builder.</returns>
    public CtyRefinementBuilder CollectionLengthUpperBound(long max)
    {
        RequireCollection();
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        _maxLength = _maxLength is { } current ? Math.Min(current, max) : max;
        CheckLengthBounds();
        return this;
    }

    /// <summary>
    /// Produces the refined value. Like go-cty, a refinement that pins the value down collapses to a known value:
    /// null when refined as null; and, for a value refined as not null, the number when both inclusive bounds are
    /// equal, an empty collection when the length is exactly zero, a list of unknown elements when a list's length
    /// is exactly known, and a one-element set of an unknown when a set's length is exactly one.
    /// </summary>
    /// <returns>The refined (or collapsed) value; the original value when it was known.</returns>
    public CtyValue NewValue()
    {
        if (!Active)
        {
            return _original;
        }

        CtyType type = _original.Type;
        if (_null)
        {
            return CtyValue.Null(type).WithSensitivity(_original.IsSensitive);
        }

        if (_notNull)
        {
            CtyValue? collapsed = Collapse(type);
            if (collapsed is not null)
            {
                return collapsed.WithSensitivity(_original.IsSensitive);
            }
        }

        var refinements = new CtyRefinements(_notNull, _prefix, _lower, _lowerInclusive, _upper, _upperInclusive, _minLength, _maxLength);
        return CtyValue.CreateUnknown(type, refinements.IsEmpty ? null : refinements, _original.IsSensitive);
    }

    private CtyValue? Collapse(CtyType type)
    {
        if (type.Kind == CtyTypeKind.Number && _lower is { } lo && _upper is { } hi && _lowerInclusive && _upperInclusive && lo == hi)
        {
            return CtyValue.Number(lo);
        }

        if (type is CtyCollectionType collection && _maxLength is { } max && max == _minLength)
        {
            if (max == 0)
            {
                return type.Kind switch
                {
                    CtyTypeKind.List => CtyValue.List(collection.ElementType),
                    CtyTypeKind.Set => CtyValue.Set(collection.ElementType),
                    _ => CtyValue.Map(collection.ElementType, []),
                };
            }

            if (type.Kind == CtyTypeKind.List && max <= MaxCollapsedListLength)
            {
                CtyValue unknown = CtyValue.Unknown(collection.ElementType);
                return CtyValue.List(collection.ElementType, Enumerable.Repeat(unknown, (int)max));
            }

            if (type.Kind == CtyTypeKind.Set && max == 1)
            {
                return CtyValue.Set(collection.ElementType, CtyValue.Unknown(collection.ElementType));
            }
        }

        return null;
    }

    private void RequireKind(CtyTypeKind kind, string what)
    {
        if (_original.Type.Kind != kind)
        {
            throw new InvalidOperationException($"Cannot refine {what} for a value of type {_original.Type}.");
        }
    }

    private void RequireCollection()
    {
        if (!_original.Type.IsCollection)
        {
            throw new InvalidOperationException($"Cannot refine collection length for a value of type {_original.Type}.");
        }
    }

    private void CheckNumberBounds()
    {
        if (_lower is { } lo && _upper is { } hi)
        {
            int c = lo.CompareTo(hi);
            if (c > 0 || (c == 0 && !(_lowerInclusive && _upperInclusive)))
            {
                throw new InvalidOperationException("Number lower bound is greater than its upper bound.");
            }
        }
    }

    private void CheckLengthBounds()
    {
        if (_maxLength is { } max && max < _minLength)
        {
            throw new InvalidOperationException("Collection length lower bound is greater than its upper bound.");
        }
    }
}
