namespace Immutable.Cty;

/// <summary>
/// A cty type: immutable and compared structurally. Create instances with the static members
/// (<see cref="String"/>, <see cref="List(CtyType)"/>, <see cref="Object(IEnumerable{KeyValuePair{string, CtyType}}, IEnumerable{string}?)"/>, ...).
/// </summary>
public abstract class CtyType : IEquatable<CtyType>
{
    private readonly int _hash;
    private string? _json;
    private CtyType? _withoutOptionals;

    private protected CtyType(CtyTypeKind kind, int hash, bool containsDynamic)
    {
        Kind = kind;
        _hash = hash;
        ContainsDynamic = containsDynamic;
    }

    /// <summary>Gets the <c>bool</c> type.</summary>
    public static CtyType Bool { get; } = new CtyPrimitiveType(CtyTypeKind.Bool);

    /// <summary>Gets the <c>number</c> type.</summary>
    public static CtyType Number { get; } = new CtyPrimitiveType(CtyTypeKind.Number);

    /// <summary>Gets the <c>string</c> type.</summary>
    public static CtyType String { get; } = new CtyPrimitiveType(CtyTypeKind.String);

    /// <summary>Gets the dynamic pseudo-type (go-cty's <c>cty.DynamicPseudoType</c>).</summary>
    public static CtyType Dynamic { get; } = new CtyPrimitiveType(CtyTypeKind.Dynamic);

    /// <summary>Gets the object type with no attributes.</summary>
    public static CtyObjectType EmptyObject { get; } = new([], [], new HashSet<string>(StringComparer.Ordinal));

    /// <summary>Gets the tuple type with no elements.</summary>
    public static CtyTupleType EmptyTuple { get; } = new([]);

    /// <summary>Gets the kind of this type.</summary>
    public CtyTypeKind Kind { get; }

    /// <summary>Gets a value indicating whether <see cref="Dynamic"/> appears anywhere in this type.</summary>
    public bool ContainsDynamic { get; }

    /// <summary>Gets a value indicating whether this is <c>bool</c>, <c>number</c> or <c>string</c>.</summary>
    public bool IsPrimitive => Kind is CtyTypeKind.Bool or CtyTypeKind.Number or CtyTypeKind.String;

    /// <summary>Gets a value indicating whether this is a list, set or map type.</summary>
    public bool IsCollection => Kind is CtyTypeKind.List or CtyTypeKind.Set or CtyTypeKind.Map;

    /// <summary>Gets a value indicating whether this is the dynamic pseudo-type.</summary>
    public bool IsDynamic => Kind == CtyTypeKind.Dynamic;

    /// <summary>Gets a short human description, as go-cty's <c>FriendlyName</c> (e.g. <c>list of string</c>).</summary>
    public abstract string FriendlyName { get; }

    /// <summary>Creates a list type.</summary>
    /// <param name="elementType">The element type.</param>
    /// <returns>The list type.</returns>
    public static CtyListType List(CtyType elementType) => new(elementType);

    /// <summary>Creates a set type.</summary>
    /// <param name="elementType">The element type.</param>
    /// <returns>The set type.</returns>
    public static CtySetType Set(CtyType elementType) => new(elementType);

    /// <summary>Creates a map type (keys are always strings).</summary>
    /// <param name="elementType">The element type.</param>
    /// <returns>The map type.</returns>
    public static CtyMapType Map(CtyType elementType) => new(elementType);

    /// <summary>Creates an object type. Attribute names are NFC-normalized and kept sorted.</summary>
    /// <param name="attributes">Attribute names and types.</param>
    /// <param name="optionalAttributes">Names of attributes that are optional in a type constraint.</param>
    /// <returns>The object type.</returns>
    /// <exception cref="ArgumentException">A name repeats, or an optional name is not an attribute.</exception>
    public static CtyObjectType Object(IEnumerable<KeyValuePair<string, CtyType>> attributes, IEnumerable<string>? optionalAttributes = null)
        => CtyObjectType.Create(attributes, optionalAttributes);

    /// <summary>Creates an object type from name/type pairs.</summary>
    /// <param name="attributes">Attribute names and types.</param>
    /// <returns>The object type.</returns>
    public static CtyObjectType Object(params (string Name, CtyType Type)[] attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        return CtyObjectType.Create(attributes.Select(a => new KeyValuePair<string, CtyType>(a.Name, a.Type)), null);
    }

    /// <summary>Creates a tuple type.</summary>
    /// <param name="elementTypes">The element types, in order.</param>
    /// <returns>The tuple type.</returns>
    public static CtyTupleType Tuple(IEnumerable<CtyType> elementTypes)
    {
        ArgumentNullException.ThrowIfNull(elementTypes);
        return new CtyTupleType([.. elementTypes]);
    }

    /// <summary>Creates a tuple type.</summary>
    /// <param name="elementTypes">The element types, in order.</param>
    /// <returns>The tuple type.</returns>
    public static CtyTupleType Tuple(params CtyType[] elementTypes)
    {
        ArgumentNullException.ThrowIfNull(elementTypes);
        return new CtyTupleType([.. elementTypes]);
    }

    /// <summary>
    /// Parses go-cty's JSON type encoding, the format of Terraform's schema <c>Attribute.type</c> bytes
    /// (<c>"string"</c>, <c>["list","string"]</c>, <c>["object",{"a":"number"},["a"]]</c>, ...).
    /// </summary>
    /// <param name="utf8Json">The UTF-8 JSON text.</param>
    /// <returns>The type.</returns>
    /// <exception cref="CtyDecodeException">The text is not a valid type description.</exception>
    public static CtyType ParseJson(ReadOnlySpan<byte> utf8Json) => CtyTypeJson.Parse(utf8Json);

    /// <summary>Parses go-cty's JSON type encoding from a string.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The type.</returns>
    /// <exception cref="CtyDecodeException">The text is not a valid type description.</exception>
    public static CtyType ParseJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return CtyTypeJson.Parse(System.Text.Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Encodes the type as go-cty's compact JSON type description (deterministic: attributes sorted).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => _json ??= CtyTypeJson.Write(this);

    /// <summary>Encodes the type as UTF-8 JSON bytes, ready for a schema's <c>Attribute.type</c> field.</summary>
    /// <returns>A fresh byte array.</returns>
    public byte[] ToJsonBytes() => System.Text.Encoding.UTF8.GetBytes(ToJson());

    /// <summary>
    /// Tells whether a value of this type can be encoded with <paramref name="constraint"/> as its type:
    /// the types are equal, or <paramref name="constraint"/> has <see cref="Dynamic"/> wherever they differ.
    /// Optional-attribute markers are ignored, and a <see cref="Dynamic"/> value type (an unknown or null
    /// placeholder) conforms to anything.
    /// </summary>
    /// <param name="constraint">The type constraint.</param>
    /// <returns><see langword="true"/> when this type conforms.</returns>
    public bool ConformsTo(CtyType constraint)
    {
        ArgumentNullException.ThrowIfNull(constraint);
        return Conforms(this, constraint);
    }

    /// <summary>Returns this type with every optional-attribute marker removed, which is the type values actually carry.</summary>
    /// <returns>The type without optional attributes.</returns>
    public CtyType WithoutOptionalAttributes() => _withoutOptionals ??= StripOptionals();

    /// <inheritdoc />
    public bool Equals(CtyType? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return other is not null && other.Kind == Kind && other._hash == _hash && EqualsSameKind(other);
    }

    /// <inheritdoc />
    public sealed override bool Equals(object? obj) => Equals(obj as CtyType);

    /// <inheritdoc />
    public sealed override int GetHashCode() => _hash;

    /// <summary>Renders the type as a Terraform type expression, e.g. <c>list(object({a = number}))</c>.</summary>
    /// <returns>The rendered type.</returns>
    public abstract override string ToString();

    private protected abstract bool EqualsSameKind(CtyType other);

    private protected abstract CtyType StripOptionals();

    private static bool Conforms(CtyType given, CtyType want)
    {
        if (want.Kind == CtyTypeKind.Dynamic || given.Kind == CtyTypeKind.Dynamic || ReferenceEquals(given, want))
        {
            return true;
        }

        if (given.Kind != want.Kind)
        {
            return false;
        }

        switch (given)
        {
            case CtyCollectionType gc:
                return Conforms(gc.ElementType, ((CtyCollectionType)want).ElementType);
            case CtyObjectType go:
                var wo = (CtyObjectType)want;
                if (go.AttributeNames.Count != wo.AttributeNames.Count)
                {
                    return false;
                }

                for (int i = 0; i < go.AttributeNames.Count; i++)
                {
                    if (!string.Equals(go.AttributeNames[i], wo.AttributeNames[i], StringComparison.Ordinal)
                        || !Conforms(go.AttributeTypeAt(i), wo.AttributeTypeAt(i)))
                    {
                        return false;
                    }
                }

                return true;
            case CtyTupleType gt:
                var wt = (CtyTupleType)want;
                if (gt.ElementTypes.Count != wt.ElementTypes.Count)
                {
                    return false;
                }

                for (int i = 0; i < gt.ElementTypes.Count; i++)
                {
                    if (!Conforms(gt.ElementTypes[i], wt.ElementTypes[i]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }
}
