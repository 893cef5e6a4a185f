using System.Collections.Immutable;
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
    private readonly string? _jsonName;

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

    /// <summary>The value planned when the practitioner leaves the attribute unset (<see cref="OptionalAttribute.Default"/>), or null.</summary>
    public CtyValue? Default { get; init; }

    /// <summary>Declarative checks run on configured scalar values (<see cref="ValueValidatorAttribute.Check"/>): each returns the problem, or null.</summary>
    [MutableByDesign("sdk", "Checks come from validator attributes, whose state is fixed by their constructor arguments.")]
    public ImmutableArray<Func<CtyValue, string?>> Validators { get; init; } = [];

    /// <summary>A changed plan-time computed value does not force replacement (<see cref="DoesNotForceReplacementAttribute"/>).</summary>
    public bool DoesNotForceReplacement { get; init; }

    /// <summary>The model property this attribute comes from (empty for hand-built schemas).</summary>
    internal string PropertyName { get; init; } = string.Empty;

    /// <summary>The property's name in the model's JSON; differs from <see cref="Name"/> when the JSON name is not snake_case.</summary>
    internal string JsonName { get => _jsonName ?? Name; init => _jsonName = value; }

    /// <summary>True when practitioners can write this attribute.</summary>
    public bool IsConfigurable => Required || Optional;
}
