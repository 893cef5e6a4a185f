using Immutable.Cty;

namespace Immutable.Sdk.Framework;

/// <summary>The string value must be a duration as Terraform users write them (<c>30s</c>, <c>1h30m</c>; see <see cref="GoDuration"/>).</summary>
public sealed class DurationAttribute : ValueValidatorAttribute
{
    /// <inheritdoc />
    public override bool Accepts(CtyType type) => type == CtyType.String;

    /// <inheritdoc />
    public override string? Check(CtyValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.AsString();
        return GoDuration.TryParse(text, out var duration) && duration >= TimeSpan.Zero
            ? null
            : $"\"{text}\" is not a duration such as 30s, 5m or 1h30m.";
    }
}
