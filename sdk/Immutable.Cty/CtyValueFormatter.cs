using System.Globalization;
using System.Text;

namespace Immutable.Cty;

/// <summary>
/// Renders values in a Terraform-like syntax for diagnostics and test output.
/// </summary>
internal static class CtyValueFormatter
{
    public static string Format(CtyValue value)
    {
        var sb = new StringBuilder();
        Append(sb, value);
        return sb.ToString();
    }

    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    private static void Append(StringBuilder sb, CtyValue value)
    {
        if (value.IsSensitive)
        {
            sb.Append("(sensitive value)");
            return;
        }

        if (value.IsUnknown)
        {
            sb.Append("(unknown ").Append(value.Type);
            if (value.Refinements is { } r)
            {
                sb.Append(", ").Append(r);
            }

            sb.Append(')');
            return;
        }

        if (value.IsNull)
        {
            sb.Append("null");
            return;
        }

        switch (value.Type.Kind)
        {
            case CtyTypeKind.Bool:
                sb.Append(value.AsBool() ? "true" : "false");
                break;
            case CtyTypeKind.Number:
                sb.Append(value.AsNumber());
                break;
            case CtyTypeKind.String:
                sb.Append(Quote(value.AsString()));
                break;
            case CtyTypeKind.Set:
                sb.Append("toset(");
                AppendSequence(sb, value.Items);
                sb.Append(')');
                break;
            case CtyTypeKind.Map:
                CtyMapEntries map = value.MapEntries;
                sb.Append('{');
                for (int i = 0; i < map.Count; i++)
                {
                    sb.Append(i == 0 ? string.Empty : ", ").Append(Quote(map.Keys[i])).Append(" = ");
                    Append(sb, map.Values[i]);
                }

                sb.Append('}');
                break;
            case CtyTypeKind.Object:
                var type = (CtyObjectType)value.Type;
                CtyValue[] attrs = value.Items;
                sb.Append('{');
                for (int i = 0; i < attrs.Length; i++)
                {
                    sb.Append(i == 0 ? string.Empty : ", ").Append(type.AttributeNames[i]).Append(" = ");
                    Append(sb, attrs[i]);
                }

                sb.Append('}');
                break;
            default:
                AppendSequence(sb, value.Items);
                break;
        }
    }

    private static void AppendSequence(StringBuilder sb, CtyValue[] items)
    {
        sb.Append('[');
        for (int i = 0; i < items.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            Append(sb, items[i]);
        }

        sb.Append(']');
    }
}
