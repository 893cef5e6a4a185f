namespace Immutable.Sdk.Framework;

/// <summary>What Terraform accepts as an attribute name: <c>[a-z_][a-z0-9_]*</c>.</summary>
internal static class AttributeNames
{
    public static bool IsValid(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');
}
