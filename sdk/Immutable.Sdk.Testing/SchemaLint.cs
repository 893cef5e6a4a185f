using Immutable.Sdk.Framework;

namespace Immutable.Sdk.Testing;

/// <summary>One finding of <see cref="SchemaLint"/>: an error breaks Terraform or the docs, a warning is advice.</summary>
public sealed record SchemaFinding(bool IsError, string Where, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{(IsError ? "error" : "warning")}: {Where}: {Message}";
}

/// <summary>
/// Checks a resource schema as a reviewer would before a release: names Terraform accepts, descriptions for
/// every attribute (the registry docs and language servers show them), and optional attributes that say what
/// happens when they are left unset.
/// </summary>
public static class SchemaLint
{
    /// <summary>The findings for the schema of <paramref name="typeName"/>.</summary>
    public static IReadOnlyList<SchemaFinding> Check(string typeName, ObjectSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var findings = new List<SchemaFinding>();
        if (string.IsNullOrWhiteSpace(schema.Description))
        {
            findings.Add(new SchemaFinding(false, typeName, "the resource has no description (set [Description] on the model)"));
        }

        Check(typeName, schema, findings);
        return findings;
    }

    private static void Check(string where, ObjectSchema schema, List<SchemaFinding> findings)
    {
        foreach (var attribute in schema.Attributes)
        {
            var at = $"{where}.{attribute.Name}";
            if (!IsValidName(attribute.Name))
            {
                findings.Add(new SchemaFinding(true, at, "not a valid Terraform attribute name (lowercase letters, digits and _)"));
            }

            if (string.IsNullOrWhiteSpace(attribute.Description))
            {
                findings.Add(new SchemaFinding(true, at, "no description"));
            }

            if (attribute is { Optional: true, Computed: false, NestedObject: null } && !SaysWhatUnsetMeans(attribute.Description))
            {
                findings.Add(new SchemaFinding(false, at, "optional without a default: say what leaving it unset means, or give it [Optional(..., Default = ...)]"));
            }

            if (attribute.NestedObject is { } nested)
            {
                Check(at, nested, findings);
            }
        }
    }

    private static bool IsValidName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');

    private static bool SaysWhatUnsetMeans(string description) =>
        new[] { "default", "unset", "omitted", "not set", "when empty", "if empty", "none" }
            .Any(word => description.Contains(word, StringComparison.OrdinalIgnoreCase));
}
