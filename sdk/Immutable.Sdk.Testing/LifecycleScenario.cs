using Immutable.Cty;

namespace Immutable.Sdk.Testing;

/// <summary>The inputs of a full replace-only lifecycle run.</summary>
public sealed record LifecycleScenario
{
    /// <summary>Resource type under test.</summary>
    public required string TypeName { get; init; }

    /// <summary>Provider block attributes (unset ones are null).</summary>
    public IReadOnlyDictionary<string, CtyValue> ProviderConfig { get; init; } = new Dictionary<string, CtyValue>();

    /// <summary>The first configuration.</summary>
    public required IReadOnlyDictionary<string, CtyValue> Initial { get; init; }

    /// <summary>A changed configuration.</summary>
    public required IReadOnlyDictionary<string, CtyValue> Changed { get; init; }

    /// <summary>
    /// The paths the change must list as forcing replacement: exactly these (in any order), as Terraform shows
    /// them after dropping paths whose value does not change — computed values set at plan time included.
    /// </summary>
    public required IReadOnlyList<CtyPath> ExpectedReplacePaths { get; init; }

    /// <summary>Accept a plan that lists more paths than <see cref="ExpectedReplacePaths"/> (inclusion instead of equality).</summary>
    public bool ReplacePathsAtLeast { get; init; }

    /// <summary>
    /// Deletes the real object behind Terraform's back (e.g. removes the file or container). When set, the
    /// runner checks that refresh then reports it gone, that the next plan creates it again, and applies that plan.
    /// </summary>
    public Func<StoredState, Task>? DeleteOutside { get; init; }

    /// <summary>
    /// Changes the real object behind Terraform's back. When set, the runner checks that refresh notices and that
    /// the next plan replaces the object (a replace-only resource never leaves drift in place), then applies it.
    /// </summary>
    public Func<StoredState, Task>? Drift { get; init; }

    /// <summary>The id <c>terraform import</c> would be given for an object; null skips the import step.</summary>
    public Func<StoredState, string>? ImportId { get; init; }

    /// <summary>Replace with <c>create_before_destroy</c> (create first, then delete).</summary>
    public bool CreateBeforeDestroy { get; init; }
}
