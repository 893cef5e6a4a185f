using Immutable.Cty;

namespace Immutable.Sdk.Framework;

/// <summary>
/// A declarative check on an attribute's value, run by the framework during ValidateResourceConfig
/// (so <c>terraform validate</c> reports it on the attribute). Only known, non-null values are
/// checked; on a list, set or map of scalars every element is. Derive from it for checks of your own.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = true)]
public abstract class ValueValidatorAttribute : Attribute
{
    /// <summary>True when the check can run on scalars of <paramref name="type"/>; the schema refuses the model otherwise.</summary>
    public abstract bool Accepts(CtyType type);

    /// <summary>What is wrong with <paramref name="value"/> (a known, non-null scalar), or null when it is fine.</summary>
    public abstract string? Check(CtyValue value);
}
