namespace Immutable.Cty;

/// <summary>A tuple type: a fixed sequence of element types.</summary>
public sealed class CtyTupleType : CtyType
{
    private readonly CtyType[] _elementTypes;

    internal CtyTupleType(CtyType[] elementTypes)
        : base(CtyTypeKind.Tuple, ComputeHash(elementTypes), elementTypes.Any(t => t.ContainsDynamic))
    {
        _elementTypes = elementTypes;
    }

    /// <summary>Gets the element types, in order.</summary>
    public IReadOnlyList<CtyType> ElementTypes => _elementTypes;

    /// <inheritdoc />
    public override string FriendlyName => "tuple";

    /// <inheritdoc />
    public override string ToString() => "tuple([" + string.Join(", ", _elementTypes.Select(t => t.ToString())) + "])";

    private protected override bool EqualsSameKind(CtyType other)
    {
        var o = (CtyTupleType)other;
        return _elementTypes.AsSpan().SequenceEqual(o._elementTypes);
    }

    private protected override CtyType StripOptionals()
    {
        CtyType[]? stripped = null;
        for (int i = 0; i < _elementTypes.Length; i++)
        {
            CtyType s = _elementTypes[i].WithoutOptionalAttributes();
            if (!ReferenceEquals(s, _elementTypes[i]))
            {
                stripped ??= (CtyType[])_elementTypes.Clone();
                stripped[i] = s;
            }
        }

        return stripped is null ? this : new CtyTupleType(stripped);
    }

    private static int ComputeHash(CtyType[] elementTypes)
    {
        var h = new HashCode();
        h.Add(CtyTypeKind.Tuple);
        foreach (CtyType t in elementTypes)
        {
            ArgumentNullException.ThrowIfNull(t, nameof(elementTypes));
            h.Add(t.GetHashCode());
        }

        return h.ToHashCode();
    }
}
