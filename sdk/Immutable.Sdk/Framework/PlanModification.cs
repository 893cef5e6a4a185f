using Immutable.Cty;

namespace Immutable.Sdk.Framework;

/// <summary>
/// What a resource can add to the generic plan: computed values it already knows at plan time
/// (e.g. a digest of the build context) and extra reasons to replace (e.g. an expired generation).
/// </summary>
public sealed class PlanModification
{
    private readonly Dictionary<string, CtyValue> _computed = new(StringComparer.Ordinal);
    private readonly List<(CtyPath Path, string Reason)> _replacements = [];

    /// <summary>Creates the modification context.</summary>
    public PlanModification(CtyValue config, CtyValue? prior, bool isCreate)
    {
        Config = config;
        Prior = prior;
        IsCreate = isCreate;
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

    /// <summary>Sets a computed top-level attribute's planned value (known now, or unknown).</summary>
    public void SetComputed(string attribute, CtyValue value) => _computed[attribute] = value;

    /// <summary>Forces replacement, showing <paramref name="reason"/> as a plan warning at <paramref name="path"/>.</summary>
    public void RequireReplacement(CtyPath path, string reason) => _replacements.Add((path, reason));
}
