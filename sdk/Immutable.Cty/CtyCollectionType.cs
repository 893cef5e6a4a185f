namespace Immutable.Cty;

/// <summary>
/// Common base of list, set and map types, which all have a single element type.
/// </summary>
public abstract class CtyCollectionType : CtyType
{
    private protected CtyCollectionType(CtyTypeKind kind, CtyType elementType)
        : base(kind, HashCode.Combine(kind, Validate(elementType).GetHashCode()), elementType.ContainsDynamic)
    {
        ElementType = elementType;
    }

    /// <summary>Gets the type of every element.</summary>
    public CtyType ElementType { get; }

    /// <inheritdoc />
    public override string FriendlyName => Kind switch
    {
        CtyTypeKind.List => "list of " + ElementType.FriendlyName,
        CtyTypeKind.Set => "set of " + ElementType.FriendlyName,
        _ => "map of " + ElementType.FriendlyName,
    };

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        CtyTypeKind.List => $"list({ElementType})",
        CtyTypeKind.Set => $"set({ElementType})",
        _ => $"map({ElementType})",
    };

    private protected override bool EqualsSameKind(CtyType other) => ElementType.Equals(((CtyCollectionType)other).ElementType);

    private static CtyType Validate(CtyType elementType)
    {
        ArgumentNullException.ThrowIfNull(elementType);
        return elementType;
    }
}

/// <summary>A list type: an ordered sequence of elements of one type.</summary>
public sealed class CtyListType : CtyCollectionType
{
    internal CtyListType(CtyType elementType)
        : base(CtyTypeKind.List, elementType)
    {
    }

    private protected override CtyType StripOptionals()
    {
        CtyType e = ElementType.WithoutOptionalAttributes();
        return ReferenceEquals(e, ElementType) ? this : new CtyListType(e);
    }
}

/// <summary>A set type: an unordered collection of distinct elements of one type.</summary>
public sealed class CtySetType : CtyCollectionType
{
    internal CtySetType(CtyType elementType)
        : base(CtyTypeKind.Set, elementType)
    {
    }

    private protected override CtyType StripOptionals()
    {
        CtyType e = ElementType.WithoutOptionalAttributes();
        return ReferenceEquals(e, ElementType) ? this : new CtySetType(e);
    }
}

/// <summary>A map type: string keys to elements of one type.</summary>
public sealed class CtyMapType : CtyCollectionType
{
    internal CtyMapType(CtyType elementType)
        : base(CtyTypeKind.Map, elementType)
    {
    }

    private protected override CtyType StripOptionals()
    {
        CtyType e = ElementType.WithoutOptionalAttributes();
        return ReferenceEquals(e, ElementType) ? this : new CtyMapType(e);
    }
}
