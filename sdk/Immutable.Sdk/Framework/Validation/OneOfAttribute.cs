using Immutable.Cty;

namespace Immutable.Sdk.Framework;

/// <summary>The string value must be one of <see cref="Values"/> (compared exactly).</summary>
public sealed class OneOfAttribute(params string[] values) : ValueValidatorAttribute
{
    /// <summary>The accepted values.</summary>
    public IReadOnlyList<string> Values { get; } = values;

    /// <inheritdoc />
    public override bool Accepts(CtyType type) => type == CtyType.String;

    /// <inheritdoc />
    public override string? Check(CtyValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.AsString();
        return Values.Contains(text, StringComparer.Ordinal)
            ? null
            : $"\"{text}\" is not one of {string.Join(", ", Values.Select(v => $"\"{v}\""))}.";
    }
}
