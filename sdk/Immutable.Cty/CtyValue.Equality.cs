namespace Immutable.Cty;

/// <content>Structural, raw and logical equality.</content>
public sealed partial class CtyValue : IEquatable<CtyValue>
{
    /// <summary>
    /// Structural identity, suitable for diffing a planned value against a prior one and for dictionary keys:
    /// same type, same known/null/unknown state, same refinements, same content (sets compare as unordered).
    /// An unknown equals only an identical unknown. Numbers compare numerically (<c>-0</c> equals <c>0</c>).
    /// Marks are ignored; use <see cref="RawEquals"/> to include them.
    /// </summary>
    /// <param name="other">The other value.</param>
    /// <returns><see langword="true"/> when structurally identical.</returns>
    public bool Equals(CtyValue? other) => other is not null && Same(this, other, compareMarks: false);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CtyValue);

    /// <summary>
    /// go-cty's <c>RawEquals</c>: like <see cref="Equals(CtyValue?)"/> but marks must match too, at every level.
    /// </summary>
    /// <param name="other">The other value.</param>
    /// <returns><see langword="true"/> when identical including marks.</returns>
    public bool RawEquals(CtyValue other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Same(this, other, compareMarks: true);
    }

    /// <summary>
    /// go-cty's <c>Equals</c>: whether the values the two stand for are equal, or <see langword="null"/> when that
    /// depends on unknown values. Marks are ignored.
    /// </summary>
    /// <param name="other">The other value.</param>
    /// <returns><see langword="true"/>, <see langword="false"/>, or <see langword="null"/> for "unknown".</returns>
    public bool? LogicallyEquals(CtyValue other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Logical(this, other);
    }

    /// <summary>Renders the value in a Terraform-like syntax, e.g. <c>{a = "x", b = [1, 2]}</c>; sensitive values render as <c>(sensitive value)</c>.</summary>
    /// <returns>The rendered value.</returns>
    public override string ToString() => CtyValueFormatter.Format(this);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        if (_hash == 0)
        {
            int h = ComputeHash();
            _hash = h == 0 ? 1 : h;
        }

        return _hash;
    }

    private int ComputeHash()
    {
        var h = new HashCode();
        h.Add(Type.GetHashCode());
        h.Add(_state);
        if (_state == ValueState.Unknown)
        {
            h.Add(_refinements?.GetHashCode() ?? 0);
            return h.ToHashCode();
        }

        switch (_payload)
        {
            case null:
                break;
            case string s:
                h.Add(StringComparer.Ordinal.GetHashCode(s));
                break;
            case CtyValue[] items:
                foreach (CtyValue item in items)
                {
                    h.Add(item.GetHashCode());
                }

                break;
            case CtyMapEntries map:
                for (int i = 0; i < map.Keys.Length; i++)
                {
                    h.Add(StringComparer.Ordinal.GetHashCode(map.Keys[i]));
                    h.Add(map.Values[i].GetHashCode());
                }

                break;
            default:
                h.Add(_payload.GetHashCode());
                break;
        }

        return h.ToHashCode();
    }

    private static bool Same(CtyValue a, CtyValue b, bool compareMarks)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (compareMarks && a.IsSensitive != b.IsSensitive)
        {
            return false;
        }

        if (a._state != b._state || !a.Type.Equals(b.Type))
        {
            return false;
        }

        if (a._hash != 0 && b._hash != 0 && a._hash != b._hash)
        {
            return false;
        }

        switch (a._state)
        {
            case ValueState.Null:
                return true;
            case ValueState.Unknown:
                return Equals(a._refinements, b._refinements);
        }

        switch (a._payload)
        {
            case string s:
                return string.Equals(s, (string)b._payload!, StringComparison.Ordinal);
            case CtyValue[] items:
                var other = (CtyValue[])b._payload!;
                if (items.Length != other.Length)
                {
                    return false;
                }

                for (int i = 0; i < items.Length; i++)
                {
                    if (!Same(items[i], other[i], compareMarks))
                    {
                        return false;
                    }
                }

                return true;
            case CtyMapEntries map:
                var otherMap = (CtyMapEntries)b._payload!;
                if (map.Count != otherMap.Count)
                {
                    return false;
                }

                for (int i = 0; i < map.Keys.Length; i++)
                {
                    if (!string.Equals(map.Keys[i], otherMap.Keys[i], StringComparison.Ordinal) || !Same(map.Values[i], otherMap.Values[i], compareMarks))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return Equals(a._payload, b._payload);
        }
    }

    private static bool? Logical(CtyValue a, CtyValue b)
    {
        if (a.IsUnknown || b.IsUnknown)
        {
            // A value refined as not null is definitely unequal to null.
            if ((a.IsNull && b.Refinements?.IsNotNull == true) || (b.IsNull && a.Refinements?.IsNotNull == true))
            {
                return false;
            }

            return null;
        }

        if (a.IsNull || b.IsNull)
        {
            return a.IsNull && b.IsNull;
        }

        if (!a.Type.Equals(b.Type))
        {
            return false;
        }

        switch (a._payload)
        {
            case CtyValue[] items when a.Type.Kind == CtyTypeKind.Set:
                if (a.IsWhollyKnown && b.IsWhollyKnown)
                {
                    return Same(a, b, compareMarks: false);
                }

                return null;
            case CtyValue[] items:
                var other = (CtyValue[])b._payload!;
                if (items.Length != other.Length)
                {
                    return false;
                }

                return All(items.Length, i => Logical(items[i], other[i]));
            case CtyMapEntries map:
                var otherMap = (CtyMapEntries)b._payload!;
                if (!map.Keys.AsSpan().SequenceEqual(otherMap.Keys))
                {
                    return false;
                }

                return All(map.Count, i => Logical(map.Values[i], otherMap.Values[i]));
            default:
                return Same(a, b, compareMarks: false);
        }
    }

    // False wins over unknown, which wins over true.
    private static bool? All(int count, Func<int, bool?> element)
    {
        bool? result = true;
        for (int i = 0; i < count; i++)
        {
            bool? eq = element(i);
            if (eq == false)
            {
                return false;
            }

            if (eq is null)
            {
                result = null;
            }
        }

        return result;
    }
}
