namespace Immutable.Cty;

/// <summary>
/// An object type: named attributes, each with its own type. Attribute names are kept in code-point
/// order (go-cty's sort order), which is also the order both wire codecs use.
/// </summary>
public sealed class CtyObjectType : CtyType
{
    private readonly string[] _names;
    private readonly CtyType[] _types;
    private readonly HashSet<string> _optional;
    private Dictionary<string, CtyType>? _dictionary;

    internal CtyObjectType(string[] sortedNames, CtyType[] types, HashSet<string> optional)
        : base(CtyTypeKind.Object, ComputeHash(sortedNames, types, optional), types.Any(t => t.ContainsDynamic))
    {
        _names = sortedNames;
        _types = types;
        _optional = optional;
    }

    /// <summary>Gets the attribute names, sorted by code point.</summary>
    public IReadOnlyList<string> AttributeNames => _names;

    /// <summary>Gets the attribute types keyed by name.</summary>
    public IReadOnlyDictionary<string, CtyType> AttributeTypes => _dictionary ??= BuildDictionary();

    /// <summary>Gets the names of attributes marked optional (only meaningful in type constraints).</summary>
    public IReadOnlySet<string> OptionalAttributes => _optional;

    /// <inheritdoc />
    public override string FriendlyName => "object";

    /// <summary>Tells whether the type has an attribute of the given name.</summary>
    /// <param name="name">The attribute name.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool HasAttribute(string name) => IndexOf(name) >= 0;

    /// <summary>Gets an attribute's type.</summary>
    /// <param name="name">The attribute name.</param>
    /// <param name="type">The attribute type when found.</param>
    /// <returns><see langword="true"/> when the attribute exists.</returns>
    public bool TryGetAttributeType(string name, out CtyType type)
    {
        int i = IndexOf(name);
        type = i >= 0 ? _types[i] : Dynamic;
        return i >= 0;
    }

    /// <summary>Gets an attribute's type.</summary>
    /// <param name="name">The attribute name.</param>
    /// <returns>The attribute type.</returns>
    /// <exception cref="KeyNotFoundException">There is no such attribute.</exception>
    public CtyType GetAttributeType(string name)
    {
        int i = IndexOf(name);
        return i >= 0 ? _types[i] : throw new KeyNotFoundException($"Object type has no attribute \"{name}\".");
    }

    /// <summary>Tells whether an attribute is marked optional.</summary>
    /// <param name="name">The attribute name.</param>
    /// <returns><see langword="true"/> when it is optional.</returns>
    public bool IsOptional(string name) => _optional.Contains(name);

    /// <inheritdoc />
    public override string ToString()
    {
        IEnumerable<string> parts = _names.Select((n, i) =>
            _optional.Contains(n) ? $"{n} = optional({_types[i]})" : $"{n} = {_types[i]}");
        return "object({" + string.Join(", ", parts) + "})";
    }

    internal string[] Names => _names;

    internal CtyType AttributeTypeAt(int index) => _types[index];

    internal int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        int i = Array.BinarySearch(_names, name, CodePointComparer.Instance);
        if (i < 0 && !IsAscii(name))
        {
            // Names are stored normalized; accept callers that pass another normalization form.
            i = Array.BinarySearch(_names, CtyStrings.Normalize(name), CodePointComparer.Instance);
        }

        return i < 0 ? -1 : i;
    }

    internal static CtyObjectType Create(IEnumerable<KeyValuePair<string, CtyType>> attributes, IEnumerable<string>? optionalAttributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var list = new List<KeyValuePair<string, CtyType>>();
        foreach (KeyValuePair<string, CtyType> kv in attributes)
        {
            ArgumentNullException.ThrowIfNull(kv.Key, nameof(attributes));
            ArgumentNullException.ThrowIfNull(kv.Value, nameof(attributes));
            list.Add(new KeyValuePair<string, CtyType>(CtyStrings.Normalize(kv.Key), kv.Value));
        }

        list.Sort((a, b) => CodePointComparer.Instance.Compare(a.Key, b.Key));
        for (int i = 1; i < list.Count; i++)
        {
            if (string.Equals(list[i - 1].Key, list[i].Key, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Duplicate object attribute \"{list[i].Key}\".", nameof(attributes));
            }
        }

        string[] names = [.. list.Select(kv => kv.Key)];
        CtyType[] types = [.. list.Select(kv => kv.Value)];
        var optional = new HashSet<string>(StringComparer.Ordinal);
        if (optionalAttributes is not null)
        {
            foreach (string name in optionalAttributes)
            {
                ArgumentNullException.ThrowIfNull(name, nameof(optionalAttributes));
                string n = CtyStrings.Normalize(name);
                if (Array.BinarySearch(names, n, CodePointComparer.Instance) < 0)
                {
                    throw new ArgumentException($"Optional attribute \"{n}\" is not an attribute of the object type.", nameof(optionalAttributes));
                }

                optional.Add(n);
            }
        }

        return names.Length == 0 && optional.Count == 0 && EmptyObject is not null ? EmptyObject : new CtyObjectType(names, types, optional);
    }

    private protected override bool EqualsSameKind(CtyType other)
    {
        var o = (CtyObjectType)other;
        if (_names.Length != o._names.Length || _optional.Count != o._optional.Count)
        {
            return false;
        }

        for (int i = 0; i < _names.Length; i++)
        {
            if (!string.Equals(_names[i], o._names[i], StringComparison.Ordinal) || !_types[i].Equals(o._types[i]))
            {
                return false;
            }
        }

        return _optional.SetEquals(o._optional);
    }

    private protected override CtyType StripOptionals()
    {
        bool changed = _optional.Count > 0;
        var types = new CtyType[_types.Length];
        for (int i = 0; i < _types.Length; i++)
        {
            types[i] = _types[i].WithoutOptionalAttributes();
            changed |= !ReferenceEquals(types[i], _types[i]);
        }

        return changed ? new CtyObjectType(_names, types, new HashSet<string>(StringComparer.Ordinal)) : this;
    }

    private Dictionary<string, CtyType> BuildDictionary()
    {
        var d = new Dictionary<string, CtyType>(_names.Length, StringComparer.Ordinal);
        for (int i = 0; i < _names.Length; i++)
        {
            d[_names[i]] = _types[i];
        }

        return d;
    }

    private static bool IsAscii(string s)
    {
        foreach (char c in s)
        {
            if (c >= 0x80)
            {
                return false;
            }
        }

        return true;
    }

    private static int ComputeHash(string[] names, CtyType[] types, HashSet<string> optional)
    {
        var h = new HashCode();
        h.Add(CtyTypeKind.Object);
        for (int i = 0; i < names.Length; i++)
        {
            h.Add(StringComparer.Ordinal.GetHashCode(names[i]));
            h.Add(types[i].GetHashCode());
        }

        h.Add(optional.Count);
        return h.ToHashCode();
    }
}
