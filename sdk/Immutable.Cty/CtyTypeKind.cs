namespace Immutable.Cty;

/// <summary>
/// The kinds of cty type.
/// </summary>
public enum CtyTypeKind
{
    /// <summary>The primitive <c>bool</c> type.</summary>
    Bool,

    /// <summary>The primitive <c>number</c> type (arbitrary precision).</summary>
    Number,

    /// <summary>The primitive <c>string</c> type.</summary>
    String,

    /// <summary>The <c>dynamic</c> pseudo-type: a placeholder for a type decided at runtime.</summary>
    Dynamic,

    /// <summary>An ordered collection of elements of one type.</summary>
    List,

    /// <summary>An unordered collection of distinct elements of one type.</summary>
    Set,

    /// <summary>A collection of elements of one type keyed by strings.</summary>
    Map,

    /// <summary>A structural type with named attributes, each with its own type.</summary>
    Object,

    /// <summary>A structural type with a fixed sequence of element types.</summary>
    Tuple,
}
