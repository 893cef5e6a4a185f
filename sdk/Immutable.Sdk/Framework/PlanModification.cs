using Immutable.Cty;

namespace Immutable.Sdk.Framework;

/// <summary>
/// What a resource can add to the generic plan: computed values it already knows at plan time
/// (e.g. a digest of the build context) and extra reasons to replace (e.g. an expired generation).
/// Resources derived from <see cref="ReplaceOnlyResource{TModel}"/> receive the typed
/// <see cref="PlanModification{TModel}"/>.
/// </summary>
public class PlanModification
{
    private readonly Dictionary<string, CtyValue> _computed = new(StringComparer.Ordinal);
    private readonly List<(CtyPath Path, string Reason)> _replacements = [];
    private readonly ObjectSchema? _schema;

    /// <summary>Creates the modification context; without a schema, <see cref="SetComputed"/> cannot check names.</summary>
    public PlanModification(CtyValue config, CtyValue? prior, bool isCreate)
        : this(config, prior, isCreate, null)
    {
    }

    /// <summary>Creates the modification context for a resource with <paramref name="schema"/>.</summary>
    public PlanModification(CtyValue config, CtyValue? prior, bool isCreate, ObjectSchema? schema)
    {
        Config = config;
        Prior = prior;
        IsCreate = isCreate;
        _schema = schema;
    }

    /// <summary>The configuration (may hold unknown values).</summary>
    public CtyValue Config { get; }

    /// <summary>The prior state, or null when the object does not exist yet.</summary>
    public CtyValue? Prior { get; }

    /// <summary>True when nothing exists yet.</summary>
    public bool IsCreate { get; }

    /// <summary>Diagnostics to return with the plan.</summary>
    public Diagnostics Diagnostics { get; } = [];

    /// <summary>Computed top-level attributes the resource has set.</summary>
    public IReadOnlyDictionary<string, CtyValue> ComputedValues => _computed;

    /// <summary>Extra replacement reasons.</summary>
    public IReadOnlyList<(CtyPath Path, string Reason)> Replacements => _replacements;

    /// <summary>
    /// Sets a computed top-level attribute's planned value (known now, or unknown). A value that differs
    /// from the prior state forces replacement unless the attribute is [DoesNotForceReplacement].
    /// </summary>
    /// <exception cref="InvalidOperationException">The attribute does not exist, is not computed, or the value has another type.</exception>
    public void SetComputed(string attribute, CtyValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (_schema is not null)
        {
            var known = _schema.Find(attribute)
                ?? throw new InvalidOperationException($"SetComputed(\"{attribute}\"): the schema has no attribute \"{attribute}\".");
            if (!known.Computed)
            {
                throw new InvalidOperationException(
                    $"SetComputed(\"{attribute}\"): \"{attribute}\" is not computed; mark it [Computed] or [Optional(..., Computed = true)], or give it a Default.");
            }

            if (value.Type.IsDynamic && value.IsUnknown)
            {
                value = CtyValue.Unknown(known.Type);
            }
            else if (!value.Type.Equals(known.Type))
            {
                throw new InvalidOperationException($"SetComputed(\"{attribute}\"): a {value.Type.FriendlyName} value for an attribute of type {known.Type.FriendlyName}.");
            }
        }

        _computed[attribute] = value;
    }

    /// <summary>Forces replacement, showing <paramref name="reason"/> as a plan warning at <paramref name="path"/>.</summary>
    public void RequireReplacement(CtyPath path, string reason) => _replacements.Add((path, reason));
}
