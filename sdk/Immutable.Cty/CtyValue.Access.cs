namespace Immutable.Cty;

/// <content>Reading the content of known values.</content>
public sealed partial class CtyValue
{
    /// <summary>Gets the number of elements of a known list, set, map or tuple, or attributes of an object.</summary>
    /// <exception cref="InvalidOperationException">The value is unknown, null, or not a collection.</exception>
    public int Length
    {
        get
        {
            RequireKnownNonNull();
            return _payload switch
            {
                CtyValue[] items => items.Length,
                CtyMapEntries map => map.Count,
                _ => throw new InvalidOperationException($"A value of type {Type} has no length."),
            };
        }
    }

    /// <summary>Gets the elements of a known list, set (in canonical order) or tuple.</summary>
    /// <exception cref="InvalidOperationException">The value is unknown, null, or not a list, set or tuple.</exception>
    public IReadOnlyList<CtyValue> Elements
    {
        get
        {
            RequireKnownNonNull();
            if (Type.Kind is CtyTypeKind.List or CtyTypeKind.Set or CtyTypeKind.Tuple)
            {
                return (CtyValue[])_payload!;
            }

            throw new InvalidOperationException($"A value of type {Type} has no elements list.");
        }
    }

    /// <summary>Gets the elements of a known map, in key order.</summary>
    /// <exception cref="InvalidOperationException">The value is unknown, null, or not a map.</exception>
    public IReadOnlyDictionary<string, CtyValue> MapElements
    {
        get
        {
            RequireKnownNonNull();
            return _payload as CtyMapEntries ?? throw new InvalidOperationException($"A value of type {Type} is not a map.");
        }
    }

    /// <summary>Gets the attributes of a known object, in sorted name order.</summary>
    /// <exception cref="InvalidOperationException">The value is unknown, null, or not an object.</exception>
    public IReadOnlyDictionary<string, CtyValue> Attributes
    {
        get
        {
            RequireKnownNonNull();
            if (Type is CtyObjectType objectType)
            {
                return new CtyObjectAttributes(objectType, (CtyValue[])_payload!);
            }

            throw new InvalidOperationException($"A value of type {Type} is not an object.");
        }
    }

    /// <summary>Gets a list or tuple element by position.</summary>
    /// <param name="index">Zero-based position.</param>
    public CtyValue this[int index] => Index(Number(index));

    /// <summary>Gets a map element by key, or an object attribute by name.</summary>
    /// <param name="key">The key or attribute name.</param>
    public CtyValue this[string key] => Type.Kind == CtyTypeKind.Object ? GetAttribute(key) : Index(String(key));

    /// <summary>Gets the boolean of a known bool value.</summary>
    /// <returns>The boolean.</returns>
    /// <exception cref="InvalidOperationException">The value is unknown, null or not a bool.</exception>
    public bool AsBool()
    {
        RequireKnownNonNull(CtyTypeKind.Bool);
        return (bool)_payload!;
    }

    /// <summary>Gets the text of a known string value.</summary>
    /// <returns>The text.</returns>
    /// <exception cref="InvalidOperationException">The value is unknown, null or not a string.</exception>
    public string AsString()
    {
        RequireKnownNonNull(CtyTypeKind.String);
        return (string)_payload!;
    }

    /// <summary>Gets the number of a known number value.</summary>
    /// <returns>The number.</returns>
    /// <exception cref="InvalidOperationException">The value is unknown, null or not a number.</exception>
    public CtyNumber AsNumber()
    {
        RequireKnownNonNull(CtyTypeKind.Number);
        return (CtyNumber)_payload!;
    }

    /// <summary>Gets a known number as a 64-bit integer.</summary>
    /// <returns>The integer.</returns>
    /// <exception cref="InvalidOperationException">The value is not a known whole number within range.</exception>
    public long AsInt64() => AsNumber().TryGetInt64(out long v)
        ? v
        : throw new InvalidOperationException($"Number {AsNumber()} is not a whole number that fits in 64 bits.");

    /// <summary>Gets a known number as the nearest double.</summary>
    /// <returns>The double.</returns>
    public double AsDouble() => AsNumber().ToDouble();

    /// <summary>
    /// Gets an object attribute. For an unknown object the result is an unknown value of the attribute's type,
    /// as in go-cty.
    /// </summary>
    /// <param name="name">The attribute name.</param>
    /// <returns>The attribute value.</returns>
    /// <exception cref="InvalidOperationException">The value is null, not an object, or has no such attribute.</exception>
    public CtyValue GetAttribute(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!TryGetAttribute(name, out CtyValue result))
        {
            throw new InvalidOperationException(IsNull
                ? $"Cannot read attribute \"{name}\" of a null value."
                : $"A value of type {Type} has no attribute \"{name}\".");
        }

        return result;
    }

    /// <summary>Gets an object attribute; see <see cref="GetAttribute"/>.</summary>
    /// <param name="name">The attribute name.</param>
    /// <param name="result">The attribute value when found.</param>
    /// <returns><see langword="false"/> when the value is null, not an object, or lacks the attribute.</returns>
    public bool TryGetAttribute(string name, out CtyValue result)
    {
        ArgumentNullException.ThrowIfNull(name);
        result = DynamicUnknown;
        if (Type.IsDynamic && IsUnknown)
        {
            return true;
        }

        if (Type is not CtyObjectType objectType || IsNull)
        {
            return false;
        }

        int i = objectType.IndexOf(name);
        if (i < 0)
        {
            return false;
        }

        result = IsUnknown ? Unknown(objectType.AttributeTypeAt(i)) : ((CtyValue[])_payload!)[i];
        return true;
    }

    /// <summary>
    /// Gets an element: a list or tuple element by whole-number key, a map element by string key, or a set
    /// element equal to the key. For an unknown list or map the result is an unknown of the element type.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <returns>The element.</returns>
    /// <exception cref="InvalidOperationException">The key does not select an element.</exception>
    public CtyValue Index(CtyValue key)
    {
        if (!TryIndex(key, out CtyValue result))
        {
            throw new InvalidOperationException($"A value of type {Type} has no element at [{key}].");
        }

        return result;
    }

    /// <summary>Gets an element; see <see cref="Index"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="result">The element when found.</param>
    /// <returns><see langword="false"/> when the key does not select an element.</returns>
    public bool TryIndex(CtyValue key, out CtyValue result)
    {
        ArgumentNullException.ThrowIfNull(key);
        result = DynamicUnknown;
        if (IsNull || !key.IsKnown || key.IsNull)
        {
            return false;
        }

        switch (Type)
        {
            case CtyPrimitiveType { IsDynamic: true }:
                return true;
            case CtyListType list when key.Type.Kind == CtyTypeKind.Number:
                if (IsUnknown)
                {
                    result = Unknown(list.ElementType);
                    return true;
                }

                return TryPosition((CtyValue[])_payload!, key, out result);
            case CtyTupleType tuple when key.Type.Kind == CtyTypeKind.Number:
                if (IsUnknown)
                {
                    if (key.AsNumber().TryGetInt32(out int at) && at >= 0 && at < tuple.ElementTypes.Count)
                    {
                        result = Unknown(tuple.ElementTypes[at]);
                        return true;
                    }

                    return false;
                }

                return TryPosition((CtyValue[])_payload!, key, out result);
            case CtyMapType map when key.Type.Kind == CtyTypeKind.String:
                if (IsUnknown)
                {
                    result = Unknown(map.ElementType);
                    return true;
                }

                if (((CtyMapEntries)_payload!).TryGetValue(key.AsString(), out CtyValue? found))
                {
                    result = found;
                    return true;
                }

                return false;
            case CtySetType when IsKnown:
                foreach (CtyValue element in (CtyValue[])_payload!)
                {
                    if (element.Equals(key))
                    {
                        result = element;
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>Tells whether a known set contains an element equal to <paramref name="element"/>.</summary>
    /// <param name="element">The candidate element.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool HasElement(CtyValue element) => Type.Kind == CtyTypeKind.Set && TryIndex(element, out _);

    /// <summary>Gets the element array of a known list, set, tuple or object (attribute order) without checks.</summary>
    internal CtyValue[] Items => (CtyValue[])_payload!;

    /// <summary>Gets the entries of a known map without checks.</summary>
    internal CtyMapEntries MapEntries => (CtyMapEntries)_payload!;

    private static bool TryPosition(CtyValue[] items, CtyValue key, out CtyValue result)
    {
        if (key.AsNumber().TryGetInt32(out int i) && i >= 0 && i < items.Length)
        {
            result = items[i];
            return true;
        }

        result = DynamicUnknown;
        return false;
    }

    private void RequireKnownNonNull()
    {
        if (IsUnknown)
        {
            throw new InvalidOperationException($"The value is unknown ({Type}).");
        }

        if (IsNull)
        {
            throw new InvalidOperationException($"The value is null ({Type}).");
        }
    }

    private void RequireKnownNonNull(CtyTypeKind kind)
    {
        if (Type.Kind != kind)
        {
            throw new InvalidOperationException($"The value has type {Type}, not {kind.ToString().ToLowerInvariant()}.");
        }

        RequireKnownNonNull();
    }
}
