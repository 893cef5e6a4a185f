using System.Numerics;

namespace Immutable.Cty;

/// <summary>
/// An immutable cty value: a type plus either a known value, null, or an unknown placeholder (optionally
/// with <see cref="CtyRefinements"/>). Collections are lists, sets (deduplicated, order-independent), maps
/// (string keys, sorted), objects and tuples. Compare with <see cref="Equals(CtyValue?)"/> for structural
/// identity, <see cref="RawEquals"/> to also compare marks, and <see cref="LogicallyEquals"/> for go-cty's
/// three-valued equality.
/// </summary>
public sealed partial class CtyValue
{
    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;

    private readonly ValueState _state;
    private readonly object? _payload;
    private readonly CtyRefinements? _refinements;
    private int _hash;

    private CtyValue(CtyType type, ValueState state, object? payload, CtyRefinements? refinements, bool sensitive)
    {
        Type = type;
        _state = state;
        _payload = payload;
        _refinements = refinements;
        IsSensitive = sensitive;
    }

    private enum ValueState : byte
    {
        Known,
        Null,
        Unknown,
    }

    /// <summary>Gets <c>true</c>.</summary>
    public static CtyValue True { get; } = new(CtyType.Bool, ValueState.Known, BoxedTrue, null, false);

    /// <summary>Gets <c>false</c>.</summary>
    public static CtyValue False { get; } = new(CtyType.Bool, ValueState.Known, BoxedFalse, null, false);

    /// <summary>Gets the wholly unknown value of unknown type (go-cty's <c>cty.DynamicVal</c>).</summary>
    public static CtyValue DynamicUnknown { get; } = new(CtyType.Dynamic, ValueState.Unknown, null, null, false);

    /// <summary>Gets the empty object value.</summary>
    public static CtyValue EmptyObject { get; } = new(CtyType.EmptyObject, ValueState.Known, Array.Empty<CtyValue>(), null, false);

    /// <summary>Gets the empty tuple value.</summary>
    public static CtyValue EmptyTuple { get; } = new(CtyType.EmptyTuple, ValueState.Known, Array.Empty<CtyValue>(), null, false);

    /// <summary>Gets the value's type. Known values always have a concrete type; only unknown and null values can be <see cref="CtyType.Dynamic"/>.</summary>
    public CtyType Type { get; }

    /// <summary>Gets a value indicating whether the value is known (null counts as known).</summary>
    public bool IsKnown => _state != ValueState.Unknown;

    /// <summary>Gets a value indicating whether the value is an unknown placeholder.</summary>
    public bool IsUnknown => _state == ValueState.Unknown;

    /// <summary>Gets a value indicating whether the value is null. Unknown values are not null.</summary>
    public bool IsNull => _state == ValueState.Null;

    /// <summary>Gets the refinements of an unknown value, or <see langword="null"/> when it has none (or is known).</summary>
    public CtyRefinements? Refinements => _refinements;

    /// <summary>Creates a null value of the given type.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The null value.</returns>
    public static CtyValue Null(CtyType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return new CtyValue(type.WithoutOptionalAttributes(), ValueState.Null, null, null, false);
    }

    /// <summary>Creates a wholly unknown value of the given type.</summary>
    /// <param name="type">The type; <see cref="CtyType.Dynamic"/> gives <see cref="DynamicUnknown"/>.</param>
    /// <returns>The unknown value.</returns>
    public static CtyValue Unknown(CtyType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.IsDynamic ? DynamicUnknown : new CtyValue(type.WithoutOptionalAttributes(), ValueState.Unknown, null, null, false);
    }

    /// <summary>Creates a boolean value.</summary>
    /// <param name="value">The boolean.</param>
    /// <returns>The value.</returns>
    public static CtyValue Bool(bool value) => value ? True : False;

    /// <summary>Creates a string value; the text is NFC-normalized as go-cty does.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> contains an unpaired surrogate, which is not Unicode text.</exception>
    public static CtyValue String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new CtyValue(CtyType.String, ValueState.Known, CtyStrings.Normalize(value), null, false);
    }

    /// <summary>Creates a number value.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The value.</returns>
    public static CtyValue Number(CtyNumber value) => new(CtyType.Number, ValueState.Known, value, null, false);

    /// <summary>Creates a number value from an integer.</summary>
    /// <param name="value">The integer.</param>
    /// <returns>The value.</returns>
    public static CtyValue Number(long value) => Number(CtyNumber.FromBigInteger(value));

    /// <summary>Creates a number value from a big integer.</summary>
    /// <param name="value">The integer.</param>
    /// <returns>The value.</returns>
    public static CtyValue Number(BigInteger value) => Number(CtyNumber.FromBigInteger(value));

    /// <summary>Creates a number value from a decimal, exactly.</summary>
    /// <param name="value">The decimal.</param>
    /// <returns>The value.</returns>
    public static CtyValue Number(decimal value) => Number(CtyNumber.FromDecimal(value));

    /// <summary>Creates a number value from a double using its shortest round-trip decimal (see <see cref="CtyNumber.FromDouble"/>).</summary>
    /// <param name="value">The double; NaN is rejected.</param>
    /// <returns>The value.</returns>
    public static CtyValue Number(double value) => Number(CtyNumber.FromDouble(value));

    /// <summary>Creates a number value from decimal text (see <see cref="CtyNumber.Parse(string)"/>).</summary>
    /// <param name="text">The number text.</param>
    /// <returns>The value.</returns>
    public static CtyValue ParseNumber(string text) => Number(CtyNumber.Parse(text));

    /// <summary>
    /// Creates a list. The list's element type is <paramref name="elementType"/> unless that contains
    /// <see cref="CtyType.Dynamic"/>, in which case it is the type of the elements, which must all agree.
    /// Unknown or null elements of type dynamic take on the list's element type.
    /// </summary>
    /// <param name="elementType">The element type (or constraint).</param>
    /// <param name="elements">The elements.</param>
    /// <returns>The list value.</returns>
    /// <exception cref="ArgumentException">An element does not fit the element type.</exception>
    public static CtyValue List(CtyType elementType, IEnumerable<CtyValue> elements)
    {
        CtyValue[] items = ToArray(elements);
        CtyType actual = UnifyElements(elementType, items, nameof(elements));
        return new CtyValue(CtyType.List(actual), ValueState.Known, items, null, false);
    }

    /// <summary>Creates a list; see <see cref="List(CtyType, IEnumerable{CtyValue})"/>.</summary>
    /// <param name="elementType">The element type (or constraint).</param>
    /// <param name="elements">The elements.</param>
    /// <returns>The list value.</returns>
    public static CtyValue List(CtyType elementType, params CtyValue[] elements) => List(elementType, (IEnumerable<CtyValue>)elements);

    /// <summary>
    /// Creates a set. Elements are ordered canonically and deduplicated: two elements collapse only when
    /// both are wholly known and equal (two unknowns stay distinct, as in go-cty). Marks on elements are
    /// moved to the set itself, because set members are identified by value alone.
    /// </summary>
    /// <param name="elementType">The element type (or constraint); see <see cref="List(CtyType, IEnumerable{CtyValue})"/>.</param>
    /// <param name="elements">The elements, in any order.</param>
    /// <returns>The set value.</returns>
    /// <exception cref="ArgumentException">An element does not fit the element type.</exception>
    public static CtyValue Set(CtyType elementType, IEnumerable<CtyValue> elements)
    {
        CtyValue[] items = ToArray(elements);
        CtyType actual = UnifyElements(elementType, items, nameof(elements));
        bool sensitive = false;
        for (int i = 0; i < items.Length; i++)
        {
            if (items[i].ContainsSensitive())
            {
                sensitive = true;
                items[i] = items[i].UnmarkDeep();
            }
        }

        Array.Sort(items, CtyValueOrder.Instance);
        int count = 0;
        for (int i = 0; i < items.Length; i++)
        {
            if (count > 0 && items[i].IsWhollyKnown && items[count - 1].IsWhollyKnown && items[i].Equals(items[count - 1]))
            {
                continue;
            }

            items[count++] = items[i];
        }

        if (count != items.Length)
        {
            Array.Resize(ref items, count);
        }

        return new CtyValue(CtyType.Set(actual), ValueState.Known, items, null, sensitive);
    }

    /// <summary>Creates a set; see <see cref="Set(CtyType, IEnumerable{CtyValue})"/>.</summary>
    /// <param name="elementType">The element type (or constraint).</param>
    /// <param name="elements">The elements.</param>
    /// <returns>The set value.</returns>
    public static CtyValue Set(CtyType elementType, params CtyValue[] elements) => Set(elementType, (IEnumerable<CtyValue>)elements);

    /// <summary>Creates a map. Keys are NFC-normalized and kept sorted; element typing is as for lists.</summary>
    /// <param name="elementType">The element type (or constraint).</param>
    /// <param name="elements">Key/value pairs; keys must be distinct.</param>
    /// <returns>The map value.</returns>
    /// <exception cref="ArgumentException">A key repeats or an element does not fit the element type.</exception>
    public static CtyValue Map(CtyType elementType, IEnumerable<KeyValuePair<string, CtyValue>> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        var pairs = new List<KeyValuePair<string, CtyValue>>();
        foreach (KeyValuePair<string, CtyValue> kv in elements)
        {
            ArgumentNullException.ThrowIfNull(kv.Key, nameof(elements));
            ArgumentNullException.ThrowIfNull(kv.Value, nameof(elements));
            pairs.Add(new KeyValuePair<string, CtyValue>(CtyStrings.Normalize(kv.Key), kv.Value));
        }

        pairs.Sort((a, b) => CodePointComparer.Instance.Compare(a.Key, b.Key));
        string[] keys = new string[pairs.Count];
        CtyValue[] values = new CtyValue[pairs.Count];
        for (int i = 0; i < pairs.Count; i++)
        {
            keys[i] = pairs[i].Key;
            values[i] = pairs[i].Value;
            if (i > 0 && string.Equals(keys[i], keys[i - 1], StringComparison.Ordinal))
            {
                throw new ArgumentException($"Duplicate map key \"{keys[i]}\".", nameof(elements));
            }
        }

        CtyType actual = UnifyElements(elementType, values, nameof(elements));
        return new CtyValue(CtyType.Map(actual), ValueState.Known, new CtyMapEntries(keys, values), null, false);
    }

    /// <summary>Creates an object value whose type is inferred from the attribute values.</summary>
    /// <param name="attributes">Attribute names and values; names must be distinct.</param>
    /// <returns>The object value.</returns>
    /// <exception cref="ArgumentException">A name repeats.</exception>
    public static CtyValue Object(IEnumerable<KeyValuePair<string, CtyValue>> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var byName = new List<KeyValuePair<string, CtyValue>>();
        foreach (KeyValuePair<string, CtyValue> kv in attributes)
        {
            ArgumentNullException.ThrowIfNull(kv.Value, nameof(attributes));
            byName.Add(kv);
        }

        CtyObjectType type = CtyType.Object(byName.Select(kv => new KeyValuePair<string, CtyType>(kv.Key, kv.Value.Type)));
        var values = new CtyValue[type.AttributeNames.Count];
        foreach (KeyValuePair<string, CtyValue> kv in byName)
        {
            values[type.IndexOf(kv.Key)] = kv.Value;
        }

        return values.Length == 0 ? EmptyObject : new CtyValue(type, ValueState.Known, values, null, false);
    }

    /// <summary>Creates an object value from name/value pairs.</summary>
    /// <param name="attributes">Attribute names and values.</param>
    /// <returns>The object value.</returns>
    public static CtyValue Object(params (string Name, CtyValue Value)[] attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        return Object(attributes.Select(a => new KeyValuePair<string, CtyValue>(a.Name, a.Value)));
    }

    /// <summary>Creates a tuple value whose type is inferred from the elements.</summary>
    /// <param name="elements">The elements, in order.</param>
    /// <returns>The tuple value.</returns>
    public static CtyValue Tuple(IEnumerable<CtyValue> elements)
    {
        CtyValue[] items = ToArray(elements);
        if (items.Length == 0)
        {
            return EmptyTuple;
        }

        return new CtyValue(CtyType.Tuple(items.Select(i => i.Type)), ValueState.Known, items, null, false);
    }

    /// <summary>Creates a tuple value.</summary>
    /// <param name="elements">The elements, in order.</param>
    /// <returns>The tuple value.</returns>
    public static CtyValue Tuple(params CtyValue[] elements) => Tuple((IEnumerable<CtyValue>)elements);

    /// <summary>Starts refining this value; see <see cref="CtyRefinementBuilder"/>.</summary>
    /// <returns>A builder seeded with this value's existing refinements.</returns>
    /// <exception cref="InvalidOperationException">The value is <see cref="DynamicUnknown"/>, which cannot be refined.</exception>
    public CtyRefinementBuilder Refine() => new(this);

    /// <summary>Shorthand for <c>Refine().NotNull().NewValue()</c>.</summary>
    /// <returns>The refined value.</returns>
    public CtyValue RefineNotNull() => Refine().NotNull().NewValue();

    internal static CtyValue CreateUnknown(CtyType type, CtyRefinements? refinements, bool sensitive) =>
        new(type.WithoutOptionalAttributes(), ValueState.Unknown, null, refinements, sensitive);

    /// <summary>Builds an object from values aligned with the sorted attribute names of <paramref name="type"/>.</summary>
    internal static CtyValue CreateObject(CtyObjectType type, CtyValue[] values)
    {
        if (type.ContainsDynamic)
        {
            var types = new CtyType[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                types[i] = values[i].Type;
            }

            type = new CtyObjectType(type.Names, types, new HashSet<string>(StringComparer.Ordinal));
        }
        else
        {
            type = (CtyObjectType)type.WithoutOptionalAttributes();
        }

        return values.Length == 0 ? EmptyObject : new CtyValue(type, ValueState.Known, values, null, false);
    }

    /// <summary>Builds a map from keys already normalized and sorted, with their values.</summary>
    internal static CtyValue CreateMap(CtyType elementType, string[] sortedKeys, CtyValue[] values)
    {
        CtyType actual = UnifyElements(elementType, values, "elements");
        return new CtyValue(CtyType.Map(actual), ValueState.Known, new CtyMapEntries(sortedKeys, values), null, false);
    }

    private static CtyValue[] ToArray(IEnumerable<CtyValue> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        CtyValue[] items = [.. elements];
        foreach (CtyValue item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(elements));
        }

        return items;
    }

    // go-cty's collection typing: all known elements share one type, which must conform to the declared
    // element type; dynamic-typed placeholders adopt that type.
    private static CtyType UnifyElements(CtyType declared, CtyValue[] items, string paramName)
    {
        ArgumentNullException.ThrowIfNull(declared);
        CtyType actual = declared.WithoutOptionalAttributes();
        if (actual.ContainsDynamic)
        {
            foreach (CtyValue item in items)
            {
                if (!item.Type.IsDynamic)
                {
                    actual = item.Type;
                    break;
                }
            }
        }

        for (int i = 0; i < items.Length; i++)
        {
            CtyValue item = items[i];
            if (item.Type.Equals(actual))
            {
                continue;
            }

            if (item.Type.IsDynamic)
            {
                // Only unknown and null values have the dynamic type.
                items[i] = (item.IsNull ? Null(actual) : Unknown(actual)).WithSensitivity(item.IsSensitive);
                continue;
            }

            if (!declared.ContainsDynamic || !item.Type.ConformsTo(declared))
            {
                throw new ArgumentException($"Element {i} has type {item.Type}, which does not match the element type {actual}.", paramName);
            }

            throw new ArgumentException($"Inconsistent element types: {actual} and {item.Type}.", paramName);
        }

        if (!actual.ConformsTo(declared))
        {
            throw new ArgumentException($"Element type {actual} does not conform to {declared}.", paramName);
        }

        return actual;
    }
}
