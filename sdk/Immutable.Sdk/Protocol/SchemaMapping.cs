using Google.Protobuf;
using Immutable.Cty;
using Immutable.Sdk.Framework;
using Immutable.Sdk.Protocol.V6;
using ProtoSchema = Immutable.Sdk.Protocol.V6.Schema;

namespace Immutable.Sdk.Protocol;

/// <summary>Turns framework schemas into protocol-6 schema messages.</summary>
internal static class SchemaMapping
{
    /// <summary>A resource or provider schema.</summary>
    public static ProtoSchema ToProto(ObjectSchema schema, long version) => new()
    {
        Version = version,
        Block = new ProtoSchema.Types.Block
        {
            Version = version,
            Description = schema.Description,
            DescriptionKind = StringKind.Markdown,
            Attributes = { schema.Attributes.Select(ToProto) },
        },
    };

    private static ProtoSchema.Types.Attribute ToProto(AttributeSchema attribute)
    {
        var proto = new ProtoSchema.Types.Attribute
        {
            Name = attribute.Name,
            Description = attribute.Description,
            DescriptionKind = StringKind.Markdown,
            Required = attribute.Required,
            Optional = attribute.Optional,
            Computed = attribute.Computed,
            Sensitive = attribute.Sensitive,
            WriteOnly = attribute.WriteOnly,
        };

        if (attribute is { Nesting: not NestingMode.None, NestedObject: { } nested })
        {
            // Nested attributes carry their structure in nested_type instead of a type.
            proto.NestedType = new ProtoSchema.Types.Object
            {
                Nesting = attribute.Nesting switch
                {
                    NestingMode.Single => ProtoSchema.Types.Object.Types.NestingMode.Single,
                    NestingMode.List => ProtoSchema.Types.Object.Types.NestingMode.List,
                    NestingMode.Set => ProtoSchema.Types.Object.Types.NestingMode.Set,
                    _ => ProtoSchema.Types.Object.Types.NestingMode.Map,
                },
                Attributes = { nested.Attributes.Select(ToProto) },
            };
        }
        else
        {
            proto.Type = ByteString.CopyFrom(attribute.Type.ToJsonBytes());
        }

        return proto;
    }
}
