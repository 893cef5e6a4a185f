using Immutable.Cty;

namespace Immutable.Sdk.Framework;

/// <summary>The practitioner must set this attribute.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredAttribute(string description) : Attribute
{
    /// <summary>Markdown description shown in docs and by language servers.</summary>
    public string Description { get; } = description;
}

/// <summary>The practitioner may set this attribute; when unset it is null.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OptionalAttribute(string description) : Attribute
{
    /// <summary>Markdown description shown in docs and by language servers.</summary>
    public string Description { get; } = description;

    /// <summary>When true and the practitioner leaves it unset, the provider chooses the value (optional + computed).</summary>
    public bool Computed { get; init; }

    /// <summary>
    /// The value planned when the practitioner leaves the attribute unset: a string, bool or number
    /// constant, known at plan time (the attribute is optional + computed on the wire). Removing the
    /// attribute from configuration plans a replacement only when the default differs from the prior value.
    /// </summary>
    public object? Default { get; init; }
}

/// <summary>The provider sets this attribute; practitioners cannot.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ComputedAttribute(string description) : Attribute
{
    /// <summary>Markdown description shown in docs and by language servers.</summary>
    public string Description { get; } = description;
}

/// <summary>The value is secret: Terraform redacts it in plans and output.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SensitiveAttribute : Attribute
{
}

/// <summary>
/// The value only steers the provider (timeouts, polling); it changes nothing deployed, so changing
/// it never forces replacement. Only optional attributes can be operational.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OperationalAttribute : Attribute
{
}

/// <summary>
/// The value is sent to the provider but never stored in plan or state (protocol 6.8+ write-only
/// attributes, e.g. passwords). Changing it alone cannot be detected, so it never forces replacement.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class WriteOnlyAttribute : Attribute
{
}

/// <summary>The element type of this collection is a set (no order, no duplicates), not a list.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SetAttribute : Attribute
{
}

/// <summary>
/// A computed value set at plan time (<see cref="PlanModification.SetComputed(string, CtyValue)"/>) that, when it
/// changes, does not force replacement on its own: the plan shows an in-place update of the recorded value. By
/// default a changed plan-time computed value is listed in <c>requires_replace</c>, because in a replace-only
/// resource it describes the object that will be created.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DoesNotForceReplacementAttribute : Attribute
{
}
