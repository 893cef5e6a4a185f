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
