using Immutable.Cty;

namespace Immutable.Sdk.Framework;

/// <summary>Runs the declarative validators of a schema over a configuration (known values only).</summary>
internal static class SchemaValidation
{
    public static void Validate(ObjectSchema schema, CtyValue value, CtyPath at, Diagnostics diagnostics)
    {
        if (!value.IsKnown || value.IsNull)
        {
            return;
        }

        foreach (var attribute in schema.Attributes)
        {
            var path = at.GetAttr(attribute.Name);
            var attributeValue = value.GetAttribute(attribute.Name);
            if (!attributeValue.IsKnown || attributeValue.IsNull)
            {
                continue;
            }

            if (attribute.NestedObject is { } nested)
            {
                ValidateNested(attribute.Nesting, nested, attributeValue, path, diagnostics);
            }
            else if (attribute.Validators.Length > 0)
            {
                ValidateScalars(attribute, attributeValue, path, diagnostics);
            }
        }
    }

    private static void ValidateNested(NestingMode nesting, ObjectSchema nested, CtyValue value, CtyPath path, Diagnostics diagnostics)
    {
        switch (nesting)
        {
            case NestingMode.Single:
                Validate(nested, value, path, diagnostics);
                break;
            case NestingMode.List:
                var index = 0L;
                foreach (var element in value.Elements)
                {
                    Validate(nested, element, path.Index(index++), diagnostics);
                }

                break;
            case NestingMode.Set:
                foreach (var element in value.Elements)
                {
                    Validate(nested, element, path, diagnostics);
                }

                break;
            case NestingMode.Map:
                foreach (var (key, element) in value.MapElements)
                {
                    Validate(nested, element, path.Index(key), diagnostics);
                }

                break;
        }
    }

    private static void ValidateScalars(AttributeSchema attribute, CtyValue value, CtyPath path, Diagnostics diagnostics)
    {
        if (value.Type.IsPrimitive)
        {
            Check(attribute, value, path, diagnostics);
        }
        else if (value.Type.Kind == CtyTypeKind.Map)
        {
            foreach (var (key, element) in value.MapElements)
            {
                Check(attribute, element, path.Index(key), diagnostics);
            }
        }
        else
        {
            var index = 0L;
            foreach (var element in value.Elements)
            {
                Check(attribute, element, value.Type.Kind == CtyTypeKind.Set ? path : path.Index(index), diagnostics);
                index++;
            }
        }
    }

    private static void Check(AttributeSchema attribute, CtyValue value, CtyPath path, Diagnostics diagnostics)
    {
        if (!value.IsKnown || value.IsNull)
        {
            return;
        }

        foreach (var check in attribute.Validators)
        {
            if (check(value) is { } problem)
            {
                diagnostics.AddError($"Invalid value for {attribute.Name}", problem, path);
            }
        }
    }
}
