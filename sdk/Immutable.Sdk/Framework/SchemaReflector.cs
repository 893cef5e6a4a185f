using System.Collections.Immutable;
using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Immutable.Cty;

namespace Immutable.Sdk.Framework;

/// <summary>
/// Derives a schema from a model's System.Text.Json metadata. Source-generated metadata keeps this
/// free of runtime reflection, so providers stay NativeAOT-safe: attribute names are the JSON
/// property names, flags and descriptions come from the schema attributes on each property.
/// </summary>
public static class SchemaReflector
{
    private const int MaxDepth = 16;

    /// <summary>Builds the schema of <paramref name="model"/>.</summary>
    /// <exception cref="InvalidOperationException">The model uses a type the schema cannot express.</exception>
    public static ObjectSchema Reflect(JsonTypeInfo model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ReflectObject(model, DescriptionOf(model.Type), 0);
    }

    private static ObjectSchema ReflectObject(JsonTypeInfo info, string description, int depth)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            throw new InvalidOperationException($"Schema model {info.Type.Name} must be a class or record with properties.");
        }

        if (depth > MaxDepth)
        {
            throw new InvalidOperationException($"Schema model {info.Type.Name} nests deeper than {MaxDepth} levels (is it recursive?).");
        }

        var attributes = new List<AttributeSchema>();
        foreach (var property in info.Properties)
        {
            attributes.Add(ReflectAttribute(info, property, depth));
        }

        return new ObjectSchema(attributes, description);
    }

    private static AttributeSchema ReflectAttribute(JsonTypeInfo owner, JsonPropertyInfo property, int depth)
    {
        // One read of the property's attributes: NativeAOT decodes and instantiates all of them on every
        // GetCustomAttributes call, and the schema is built at every provider start.
        var attributes = property.AttributeProvider?.GetCustomAttributes(false) ?? [];
        var required = Find<RequiredAttribute>(attributes);
        var optional = Find<OptionalAttribute>(attributes);
        var computed = Find<ComputedAttribute>(attributes);
        var modes = (required is null ? 0 : 1) + (optional is null ? 0 : 1) + (computed is null ? 0 : 1);
        if (modes != 1)
        {
            throw new InvalidOperationException(
                $"{owner.Type.Name}.{property.Name}: mark the property with exactly one of [Required], [Optional] or [Computed].");
        }

        var operational = Find<OperationalAttribute>(attributes) is not null;
        if (operational && optional is null)
        {
            throw new InvalidOperationException($"{owner.Type.Name}.{property.Name}: only optional attributes can be [Operational].");
        }

        var where = $"{owner.Type.Name}.{PropertyNameOf(property)}";
        var isSet = Find<SetAttribute>(attributes) is not null;
        var (type, nesting, nested) = TypeOf(owner.Options.GetTypeInfo(property.PropertyType), isSet, depth, where);
        var defaultValue = DefaultOf(optional, type, where);
        var isComputed = computed is not null || optional?.Computed == true || defaultValue is not null;
        var keepOnChange = Find<DoesNotForceReplacementAttribute>(attributes) is not null;
        if (keepOnChange && !isComputed)
        {
            throw new InvalidOperationException($"{where}: only computed attributes can be [DoesNotForceReplacement]; a configured change always replaces.");
        }

        return new AttributeSchema
        {
            Name = TerraformName(property, where),
            JsonName = property.Name,
            PropertyName = PropertyNameOf(property),
            Type = type,
            Description = required?.Description ?? optional?.Description ?? computed?.Description ?? string.Empty,
            Required = required is not null,
            Optional = optional is not null,
            Computed = isComputed,
            Sensitive = Find<SensitiveAttribute>(attributes) is not null,
            Operational = operational,
            WriteOnly = Find<WriteOnlyAttribute>(attributes) is not null,
            Nesting = nesting,
            NestedObject = nested,
            Default = defaultValue,
            Validators = ValidatorsOf(attributes, type, nested, where),
            DoesNotForceReplacement = keepOnChange,
        };
    }

    /// <summary>
    /// Terraform names are snake_case. The model's JSON name is used when it already is one (a naming
    /// policy or [JsonPropertyName] chose it); otherwise the name is derived from it, so a context without
    /// <c>PropertyNamingPolicy = SnakeCaseLower</c> still yields the names practitioners expect.
    /// </summary>
    private static string TerraformName(JsonPropertyInfo property, string where)
    {
        if (AttributeNames.IsValid(property.Name))
        {
            return property.Name;
        }

        var derived = JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
        return AttributeNames.IsValid(derived)
            ? derived
            : throw new InvalidOperationException(
                $"{where}: \"{property.Name}\" cannot become a Terraform attribute name (snake_case: lowercase letters, digits and _, not starting with a digit). Rename the property or give it [JsonPropertyName(\"a_name\")].");
    }

    private static string PropertyNameOf(JsonPropertyInfo property) =>
        (property.AttributeProvider as MemberInfo)?.Name ?? property.Name;

    private static CtyValue? DefaultOf(OptionalAttribute? optional, CtyType type, string where)
    {
        if (optional?.Default is not { } value)
        {
            return null;
        }

        return (type.Kind, value) switch
        {
            (CtyTypeKind.String, string text) => CtyValue.String(text),
            (CtyTypeKind.Bool, bool flag) => CtyValue.Bool(flag),
            (CtyTypeKind.Number, int number) => CtyValue.Number(number),
            (CtyTypeKind.Number, long number) => CtyValue.Number(number),
            (CtyTypeKind.Number, double number) => CtyValue.Number(number),
            _ => throw new InvalidOperationException(
                $"{where}: Default = {value} ({value.GetType().Name}) does not fit the attribute's type ({type.FriendlyName}); use a string, bool or number constant of that type."),
        };
    }

    private static ImmutableArray<Func<CtyValue, string?>> ValidatorsOf(object[] attributes, CtyType type, ObjectSchema? nested, string where)
    {
        var validators = attributes.OfType<ValueValidatorAttribute>().ToList();
        if (validators.Count == 0)
        {
            return [];
        }

        var scalar = type.IsCollection ? CtyValues.ElementType(type) : type;
        foreach (var validator in validators)
        {
            if (nested is not null || !validator.Accepts(scalar))
            {
                throw new InvalidOperationException($"{where}: [{validator.GetType().Name.Replace("Attribute", string.Empty, StringComparison.Ordinal)}] cannot check values of type {type.FriendlyName}.");
            }
        }

        return [.. validators.Select(v => (Func<CtyValue, string?>)v.Check)];
    }

    private static (CtyType Type, NestingMode Nesting, ObjectSchema? Nested) TypeOf(JsonTypeInfo info, bool isSet, int depth, string where)
    {
        var clr = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        if (clr != info.Type)
        {
            // Nullable<T> has no structure of its own; T's metadata says what it is.
            info = info.Options.GetTypeInfo(clr);
        }

        if (clr == typeof(string) || clr.IsEnum)
        {
            return (CtyType.String, NestingMode.None, null);
        }

        if (clr == typeof(bool))
        {
            return (CtyType.Bool, NestingMode.None, null);
        }

        if (IsNumber(clr))
        {
            return (CtyType.Number, NestingMode.None, null);
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Enumerable:
            {
                var element = info.Options.GetTypeInfo(info.ElementType!);
                var set = isSet || IsSetType(clr);
                if (element.Kind == JsonTypeInfoKind.Object && !IsScalar(element.Type))
                {
                    var nested = ReflectObject(element, string.Empty, depth + 1);
                    return (set ? CtyType.Set(nested.Type) : CtyType.List(nested.Type), set ? NestingMode.Set : NestingMode.List, nested);
                }

                var (elementType, _, _) = TypeOf(element, false, depth + 1, where);
                return (set ? CtyType.Set(elementType) : CtyType.List(elementType), NestingMode.None, null);
            }

            case JsonTypeInfoKind.Dictionary:
            {
                if (info.KeyType != typeof(string))
                {
                    throw new InvalidOperationException($"{where}: map keys must be strings.");
                }

                var element = info.Options.GetTypeInfo(info.ElementType!);
                if (element.Kind == JsonTypeInfoKind.Object && !IsScalar(element.Type))
                {
                    var nested = ReflectObject(element, string.Empty, depth + 1);
                    return (CtyType.Map(nested.Type), NestingMode.Map, nested);
                }

                var (elementType, _, _) = TypeOf(element, false, depth + 1, where);
                return (CtyType.Map(elementType), NestingMode.None, null);
            }

            case JsonTypeInfoKind.Object:
            {
                var nested = ReflectObject(info, DescriptionOf(clr), depth + 1);
                return (nested.Type, NestingMode.Single, nested);
            }

            default:
                throw new InvalidOperationException($"{where}: type {clr.Name} has no Terraform equivalent.");
        }
    }

    private static bool IsScalar(Type type)
    {
        var clr = Nullable.GetUnderlyingType(type) ?? type;
        return clr == typeof(string) || clr == typeof(bool) || IsNumber(clr) || clr.IsEnum;
    }

    private static bool IsNumber(Type clr) =>
        clr == typeof(int) || clr == typeof(long) || clr == typeof(double) || clr == typeof(decimal) ||
        clr == typeof(float) || clr == typeof(short) || clr == typeof(uint) || clr == typeof(ulong) ||
        clr == typeof(System.Numerics.BigInteger);

    private static bool IsSetType(Type clr)
    {
        if (!clr.IsGenericType)
        {
            return false;
        }

        var definition = clr.GetGenericTypeDefinition();
        return definition == typeof(ImmutableHashSet<>) || definition == typeof(ImmutableSortedSet<>) ||
               definition == typeof(HashSet<>) || definition == typeof(IReadOnlySet<>) ||
               definition == typeof(ISet<>) || definition == typeof(IImmutableSet<>) ||
               definition == typeof(System.Collections.Frozen.FrozenSet<>);
    }

    private static string DescriptionOf(Type type) =>
        type.GetCustomAttribute<DescriptionAttribute>()?.Description ?? string.Empty;

    private static T? Find<T>(object[] attributes)
        where T : Attribute =>
        attributes.OfType<T>().FirstOrDefault();
}
