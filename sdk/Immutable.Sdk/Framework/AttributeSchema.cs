using Immutable.Cty;

namespace Immutable.Sdk.Framework;

/// <summary>How a nested attribute's objects are arranged.</summary>
public enum NestingMode
{
    /// <summary>Not a nested attribute.</summary>
    None,

    /// <summary>One object.</summary>
    Single,

    /// <summary>A list of objects.</summary>
    List,

    /// <summary>A set of objects.</summary>
    Set,

    /// <summary>A map of objects.</summary>
    Map,
}

/// <summary>One attribute of a resource, data source or provider schema.</summary>
[Immutable]
public sealed record AttributeSchema
{
    /// <summary>The attribute name in HCL (snake_case).</summary>
    public required string Name { get; init; }

    /// <summary>The value type (for nested attributes, the implied type of the nesting).</summary>
    public required CtyType Type { get; init; }

    /// <summary>Markdown description.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>Must be set in configuration.</summary>
    public bool Required { get; init; }

    /// <summary>May be set in configuration.</summary>
    public bool Optional { get; init; }

    /// <summary>The provider may choose the value.</summary>
    public bool Computed { get; init; }

    /// <summary>Redacted in Terraform's output.</summary>
    public bool Sensitive { get; init; }

    /// <summary>Steers the provider only; never forces replacement.</summary>
    public bool Operational { get; init; }

    /// <summary>Never persisted in plan or state.</summary>
    public bool WriteOnly { get; init; }

    /// <summary>For nested attributes: how objects are arranged.</summary>
    public NestingMode Nesting { get; init; }

    /// <summary>For nested attributes: the attributes of each object.</summary>
    public ObjectSchema? NestedObject { get; init; }

    /// <summary>True when practitioners can write this attribute.</summary>
    public bool IsConfigurable => Required || Optional;
}
