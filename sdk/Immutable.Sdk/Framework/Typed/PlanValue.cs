using System.Diagnostics.CodeAnalysis;

namespace Immutable.Sdk.Framework;

/// <summary>
/// One attribute's value at plan time: known (possibly null), or not known until apply because it
/// depends on another resource. Read it with <see cref="TryGetValue"/>; decide what to plan when it is unknown.
/// </summary>
public readonly struct PlanValue<T> : IEquatable<PlanValue<T>>
{
    private readonly T? _value;

    private PlanValue(bool isKnown, bool isNull, T? value)
    {
        IsKnown = isKnown;
        IsNull = isNull;
        _value = value;
    }

    /// <summary>A value not known until apply.</summary>
    public static PlanValue<T> Unknown => new(false, false, default);

    /// <summary>A known null (the practitioner left the attribute unset).</summary>
    public static PlanValue<T> Null => new(true, true, default);

    /// <summary>True when the value is known now (null included).</summary>
    public bool IsKnown { get; }

    /// <summary>True when the value is known to be null.</summary>
    public bool IsNull { get; }

    /// <summary>The value; throws unless it is known and not null.</summary>
    /// <exception cref="InvalidOperationException">The value is unknown or null.</exception>
    public T Value => TryGetValue(out var value)
        ? value
        : throw new InvalidOperationException(IsKnown ? "The value is null." : "The value is not known until apply.");

    /// <summary>A known, non-null value.</summary>
    public static PlanValue<T> Known(T value) => value is null ? Null : new(true, false, value);

    /// <summary>True, with the value, when it is known and not null.</summary>
    public bool TryGetValue([NotNullWhen(true)] out T? value)
    {
        value = _value;
        return IsKnown && !IsNull && value is not null;
    }

    /// <inheritdoc />
    public bool Equals(PlanValue<T> other) =>
        IsKnown == other.IsKnown && IsNull == other.IsNull && EqualityComparer<T?>.Default.Equals(_value, other._value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PlanValue<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(IsKnown, IsNull, _value);

    /// <inheritdoc />
    public override string ToString() => !IsKnown ? "(known after apply)" : IsNull ? "null" : _value?.ToString() ?? "null";

    /// <summary>Equality.</summary>
    public static bool operator ==(PlanValue<T> left, PlanValue<T> right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(PlanValue<T> left, PlanValue<T> right) => !left.Equals(right);
}
