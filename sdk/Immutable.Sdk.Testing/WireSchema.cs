using Immutable.Cty;
using Immutable.Sdk.Framework;
using ProtoSchema = Immutable.Sdk.Protocol.V6.Schema;

namespace Immutable.Sdk.Testing;

/// <summary>
/// Reads the schemas a provider announces over the wire, as Terraform core does, and checks them
/// the way core's schema validation would.
/// </summary>
public static class WireSchema
{
    /// <summary>The object schema of a protocol schema (attributes only; nested blocks are reported as problems).</summary>
    public static ObjectSchema Read(ProtoSchema schema, ICollection<string> problems, string where)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(problems);
        if (schema.Block is null)
        {
            problems.Add($"{where}: schema has no block");
            return new ObjectSchema([]);
        }

        if (schema.Block.BlockTypes.Count > 0)
        {
            problems.Add($"{where}: nested blocks are not supported by this test kit");
        }

        return ReadAttributes(schema.Block.Attributes, schema.Block.Description, problems, where);
    }

    private static ObjectSchema ReadAttributes(IEnumerable<ProtoSchema.Types.Attribute> attributes, string description, ICollection<string> problems, string where)
    {
        var list = new List<AttributeSchema>();
        foreach (var attribute in attributes)
        {
            var at = $"{where}.{attribute.Name}";
            var flags = (attribute.Required ? 1 : 0) + (attribute.Optional || attribute.Computed ? 1 : 0);
            if (flags != 1)
            {
                problems.Add($"{at}: exactly one of required, optional or computed (optional may combine with computed) must be set");
            }

            if (attribute.Required && attribute.Computed)
            {
                problems.Add($"{at}: required attributes cannot be computed");
            }

            if (attribute.NestedType is { } nested)
            {
                if (!attribute.Type.IsEmpty)
                {
                    problems.Add($"{at}: has both type and nested_type");
                }

                var inner = ReadAttributes(nested.Attributes, string.Empty, problems, at);
                var nesting = nested.Nesting switch
                {
                    ProtoSchema.Types.Object.Types.NestingMode.Single => NestingMode.Single,
                    ProtoSchema.Types.Object.Types.NestingMode.List => NestingMode.List,
                    ProtoSchema.Types.Object.Types.NestingMode.Set => NestingMode.Set,
                    ProtoSchema.Types.Object.Types.NestingMode.Map => NestingMode.Map,
                    _ => NestingMode.None,
                };
                if (nesting == NestingMode.None)
                {
                    problems.Add($"{at}: invalid nesting mode");
                }

                list.Add(Attribute(attribute, nesting switch
                {
                    NestingMode.List => CtyType.List(inner.Type),
                    NestingMode.Set => CtyType.Set(inner.Type),
                    NestingMode.Map => CtyType.Map(inner.Type),
                    _ => inner.Type,
                }, nesting, inner));
                continue;
            }

            CtyType type;
            try
            {
                type = CtyType.ParseJson(attribute.Type.Span);
            }
            catch (CtyDecodeException ex)
            {
                problems.Add($"{at}: type is not cty type JSON ({ex.Message})");
                type = CtyType.Dynamic;
            }

            list.Add(Attribute(attribute, type, NestingMode.None, null));
        }

        return new ObjectSchema(list, description);
    }

    private static AttributeSchema Attribute(ProtoSchema.Types.Attribute proto, CtyType type, NestingMode nesting, ObjectSchema? nested) => new()
    {
        Name = proto.Name,
        Type = type,
        Description = proto.Description,
        Required = proto.Required,
        Optional = proto.Optional,
        Computed = proto.Computed,
        Sensitive = proto.Sensitive,
        WriteOnly = proto.WriteOnly,
        Nesting = nesting,
        NestedObject = nested,
    };
}
