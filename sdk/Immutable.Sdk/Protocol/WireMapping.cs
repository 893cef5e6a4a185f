using Google.Protobuf;
using Immutable.Cty;
using Immutable.Sdk.Framework;
using Immutable.Sdk.Protocol.V6;
using ProtoDiagnostic = Immutable.Sdk.Protocol.V6.Diagnostic;

namespace Immutable.Sdk.Protocol;

/// <summary>Moves values, paths and diagnostics between the wire and the framework.</summary>
public static class WireMapping
{
    /// <summary>
    /// Decodes a DynamicValue (msgpack preferred, JSON accepted). An absent value or a msgpack nil
    /// is null; <paramref name="field"/> names the request field in error messages.
    /// </summary>
    /// <exception cref="CtyDecodeException">The bytes do not match the schema.</exception>
    public static CtyValue? Decode(DynamicValue? value, CtyType type, string field)
    {
        if (value is null || (value.Msgpack.IsEmpty && value.Json.IsEmpty))
        {
            return null;
        }

        try
        {
            var decoded = value.Msgpack.IsEmpty
                ? CtyJson.Decode(value.Json.Span, type)
                : CtyMsgPack.Decode(value.Msgpack.Memory, type);
            return decoded.IsNull ? null : decoded;
        }
        catch (CtyDecodeException ex)
        {
            throw new CtyDecodeException(ex.Path, $"{field}: {ex.Reason}", ex);
        }
    }

    /// <summary>Encodes a value as msgpack; null becomes the msgpack nil Terraform expects.</summary>
    public static DynamicValue Encode(CtyValue? value, CtyType type) => new()
    {
        Msgpack = ByteString.CopyFrom(CtyMsgPack.Encode(value ?? CtyValue.Null(type), type)),
    };

    /// <summary>A framework path as a protocol attribute path.</summary>
    public static AttributePath ToProto(CtyPath path)
    {
        var proto = new AttributePath();
        foreach (var step in path)
        {
            proto.Steps.Add(step switch
            {
                GetAttrStep attr => new AttributePath.Types.Step { AttributeName = attr.Name },
                IndexStep index when index.TryGetInt64(out var i) => new AttributePath.Types.Step { ElementKeyInt = i },
                IndexStep index when index.TryGetString(out var key) => new AttributePath.Types.Step { ElementKeyString = key },
                _ => new AttributePath.Types.Step(),
            });
        }

        return proto;
    }

    /// <summary>A protocol attribute path as a framework path.</summary>
    public static CtyPath FromProto(AttributePath path)
    {
        var result = CtyPath.Root;
        foreach (var step in path.Steps)
        {
            result = step.SelectorCase switch
            {
                AttributePath.Types.Step.SelectorOneofCase.AttributeName => result.GetAttr(step.AttributeName),
                AttributePath.Types.Step.SelectorOneofCase.ElementKeyString => result.Index(CtyValue.String(step.ElementKeyString)),
                AttributePath.Types.Step.SelectorOneofCase.ElementKeyInt => result.Index(CtyValue.Number(step.ElementKeyInt)),
                _ => result,
            };
        }

        return result;
    }

    /// <summary>Framework diagnostics as protocol diagnostics.</summary>
    public static IEnumerable<ProtoDiagnostic> ToProto(IEnumerable<Framework.Diagnostic> diagnostics) =>
        diagnostics.Select(d =>
        {
            var proto = new ProtoDiagnostic
            {
                Severity = d.Severity == Severity.Error ? ProtoDiagnostic.Types.Severity.Error : ProtoDiagnostic.Types.Severity.Warning,
                Summary = d.Summary,
                Detail = d.Detail,
            };
            if (d.Attribute is { } path && path.Count > 0)
            {
                // Terraform places a diagnostic on the line of a top-level attribute, but a path into a nested
                // attribute's object value falls back to the whole resource block (checked with Terraform 1.11).
                // So the wire path stops at the top-level attribute and the full path leads the detail.
                proto.Attribute = ToProto(path.Count > 1 ? Immutable.Cty.CtyPath.Root.Append(path[0]) : path);
                if (path.Count > 1)
                {
                    proto.Detail = d.Detail.Length > 0 ? $"{path}: {d.Detail}" : path.ToString();
                }
            }

            return proto;
        });

    /// <summary>One error diagnostic.</summary>
    public static ProtoDiagnostic Error(string summary, string detail) => new()
    {
        Severity = ProtoDiagnostic.Types.Severity.Error,
        Summary = summary,
        Detail = detail,
    };
}
