using Immutable.Cty;

namespace Immutable.Sdk.Framework;

/// <summary>Value helpers the framework and the test kit share.</summary>
public static class CtyValues
{
    /// <summary>The same value with every unknown (nested or whole) replaced by null of its type.</summary>
    public static CtyValue UnknownsToNull(CtyValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.IsWhollyKnown ? value : value.Transform((_, v) => v.IsKnown ? v : CtyValue.Null(v.Type));
    }

    /// <summary>Raw equality that ignores unknown-value refinements, as Terraform's plan checks do.</summary>
    public static bool RawEqualsIgnoringRefinements(CtyValue left, CtyValue right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return Unrefined(left).RawEquals(Unrefined(right));
    }

    /// <summary>The element type of a list, set or map type.</summary>
    public static CtyType ElementType(CtyType collection) =>
        collection is CtyCollectionType c ? c.ElementType : throw new ArgumentException($"{collection} is not a collection type.", nameof(collection));

    private static CtyValue Unrefined(CtyValue value) =>
        value.IsWhollyKnown ? value : value.Transform((_, v) => v.IsUnknown ? CtyValue.Unknown(v.Type) : v);
}
