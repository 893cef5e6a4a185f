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

    /// <summary>Paths the change must list as forcing replacement.</summary>
    public required IReadOnlyList<CtyPath> ExpectedReplacePaths { get; init; }

    /// <summary>The id <c>terraform import</c> would be given for an object; null skips the import step.</summary>
    public Func<StoredState, string>? ImportId { get; init; }

    /// <summary>Replace with <c>create_before_destroy</c> (create first, then delete).</summary>
    public bool CreateBeforeDestroy { get; init; }
}
