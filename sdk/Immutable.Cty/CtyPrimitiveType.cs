namespace Immutable.Cty;

/// <summary>
/// The primitive types <c>bool</c>, <c>number</c>, <c>string</c> and the dynamic pseudo-type.
/// There is exactly one instance of each; use <see cref="CtyType.Bool"/> and friends.
/// </summary>
public sealed class CtyPrimitiveType : CtyType
{
    internal CtyPrimitiveType(CtyTypeKind kind)
        : base(kind, (int)kind + 1000, kind == CtyTypeKind.Dynamic)
    {
    }

    /// <inheritdoc />
    public override string FriendlyName => Kind switch
    {
        CtyTypeKind.Bool => "bool",
        CtyTypeKind.Number => "number",
        CtyTypeKind.String => "string",
        _ => "dynamic",
    };

    /// <inheritdoc />
    public override string ToString() => FriendlyName;

    private protected override bool EqualsSameKind(CtyType other) => true;

    private protected override CtyType StripOptionals() => this;
}
