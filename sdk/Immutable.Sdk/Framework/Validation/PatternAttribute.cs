using System.Text.RegularExpressions;
using Immutable.Cty;

namespace Immutable.Sdk.Framework;

/// <summary>The string value must match <see cref="Regex"/> as a whole.</summary>
public sealed class PatternAttribute(string regex, string description) : ValueValidatorAttribute
{
    private readonly Regex _regex = new($"^(?:{regex})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>The pattern (anchored at both ends when checked).</summary>
    public string Regex { get; } = regex;

    /// <summary>What a matching value looks like, in words, for the diagnostic (e.g. "a DNS label").</summary>
    public string Description { get; } = description;

    /// <inheritdoc />
    public override bool Accepts(CtyType type) => type == CtyType.String;

    /// <inheritdoc />
    public override string? Check(CtyValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.AsString();
        return _regex.IsMatch(text) ? null : $"\"{text}\" is not {Description}.";
    }
}
