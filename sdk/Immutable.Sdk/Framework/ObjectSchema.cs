using System.Collections.Frozen;
using System.Collections.Immutable;
using Immutable.Cty;

namespace Immutable.Sdk.Framework;

/// <summary>The attributes of a resource, a provider block or a nested object.</summary>
[Immutable]
public sealed class ObjectSchema
{
    private readonly FrozenDictionary<string, AttributeSchema> _byName;

    /// <summary>Creates a schema; attribute names must be unique.</summary>
    public ObjectSchema(IReadOnlyList<AttributeSchema> attributes, string description = "")
    {
        Attributes = [.. attributes];
        Description = description;
        _byName = attributes.ToFrozenDictionary(a => a.Name, StringComparer.Ordinal);
        Type = CtyType.Object(attributes.ToDictionary(a => a.Name, a => a.Type, StringComparer.Ordinal));
    }

    /// <summary>The attributes in declaration order.</summary>
    public ImmutableArray<AttributeSchema> Attributes { get; }

    /// <summary>Markdown description of the whole object.</summary>
    public string Description { get; }

    /// <summary>The cty object type values of this schema have.</summary>
    public CtyType Type { get; }

    /// <summary>Looks an attribute up by name.</summary>
    public AttributeSchema? Find(string name) => _byName.GetValueOrDefault(name);
}
