using System.Collections;
using System.Globalization;
using Immutable.Cty;

namespace Immutable.Sdk.Testing;

/// <summary>
/// Converts plain .NET values into cty values of a given type, as HCL's type conversion does for a
/// configuration: dictionaries become objects (absent attributes null) or maps, sequences become
/// lists or sets, numbers and strings convert both ways. It keeps test configurations short.
/// </summary>
public static class ConfigValues
{
    /// <summary>Converts <paramref name="value"/> to <paramref name="type"/>; a <see cref="CtyValue"/> passes through.</summary>
    public static CtyValue From(CtyType type, object? value)
    {
        ArgumentNullException.ThrowIfNull(type);
        switch (value)
        {
            case null:
                return CtyValue.Null(type);
            case CtyValue cty:
                return cty;
        }

        return type switch
        {
            CtyObjectType objectType when value is IDictionary dictionary => Object(objectType, dictionary),
            CtyMapType map when value is IDictionary dictionary => CtyValue.Map(map.ElementType, dictionary.Keys.Cast<object>().ToDictionary(
                k => Convert.ToString(k, CultureInfo.InvariantCulture)!,
                k => From(map.ElementType, dictionary[k]),
                StringComparer.Ordinal)),
            CtyListType list when value is IEnumerable sequence and not string => CtyValue.List(list.ElementType, sequence.Cast<object?>().Select(e => From(list.ElementType, e))),
            CtySetType set when value is IEnumerable sequence and not string => CtyValue.Set(set.ElementType, sequence.Cast<object?>().Select(e => From(set.ElementType, e))),
            _ when type == CtyType.String => CtyValue.String(Convert.ToString(value, CultureInfo.InvariantCulture)!),
            _ when type == CtyType.Bool && value is bool flag => CtyValue.Bool(flag),
            _ when type == CtyType.Number && value is IConvertible number and not string and not bool => CtyValue.Number(number.ToDecimal(CultureInfo.InvariantCulture)),
            _ => throw new ArgumentException($"{value} ({value.GetType().Name}) cannot be converted to {type}.", nameof(value)),
        };
    }

    private static CtyValue Object(CtyObjectType type, IDictionary values)
    {
        foreach (var key in values.Keys)
        {
            if (!type.HasAttribute(Convert.ToString(key, CultureInfo.InvariantCulture)!))
            {
                throw new ArgumentException($"Unsupported argument \"{key}\": an argument named \"{key}\" is not expected here.", nameof(values));
            }
        }

        return CtyValue.Object(type.AttributeNames.ToDictionary(
            name => name,
            name => From(type.GetAttributeType(name), values.Contains(name) ? values[name] : null),
            StringComparer.Ordinal));
    }
}
