using System.Globalization;
using Immutable.Cty;

namespace Immutable.Sdk.Framework;

/// <summary>The number must lie between <see cref="Minimum"/> and <see cref="Maximum"/>, both included.</summary>
public sealed class InRangeAttribute(double minimum, double maximum) : ValueValidatorAttribute
{
    /// <summary>The smallest accepted value.</summary>
    public double Minimum { get; } = minimum;

    /// <summary>The largest accepted value.</summary>
    public double Maximum { get; } = maximum;

    /// <inheritdoc />
    public override bool Accepts(CtyType type) => type == CtyType.Number;

    /// <inheritdoc />
    public override string? Check(CtyValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var number = value.AsDouble();
        return number >= Minimum && number <= Maximum
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{value.AsNumber()} is outside the accepted range {Minimum} to {Maximum}.");
    }
}
