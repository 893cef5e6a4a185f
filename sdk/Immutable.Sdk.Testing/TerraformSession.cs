using System.Collections.Concurrent;
using Google.Protobuf;
using Immutable.Cty;
using Immutable.Sdk.Framework;
using Immutable.Sdk.Protocol;
using Immutable.Sdk.Protocol.V6;

namespace Immutable.Sdk.Testing;

/// <summary>
/// Plays Terraform core against a real provider process: fetches and checks the schema, validates
/// and configures the provider, and plans, applies, refreshes, imports and destroys resource
/// instances with core's own rules — proposed new state, plan validity, requires_replace
/// filtering, apply consistency, and state kept as JSON between steps (as in a state file) and
/// passed through UpgradeResourceState before use.
/// </summary>
public sealed class TerraformSession : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (ObjectSchema Schema, long Version)> _resources = new(StringComparer.Ordinal);

    private TerraformSession(ProviderProcess process, ObjectSchema providerSchema, IReadOnlyDictionary<string, (ObjectSchema, long)> resources)
    {
        Process = process;
        ProviderSchema = providerSchema;
        foreach (var (name, schema) in resources)
        {
            _resources[name] = schema;
        }
    }

    /// <summary>The provider process.</summary>
    public ProviderProcess Process { get; }

    /// <summary>The provider block's schema as announced.</summary>
    public ObjectSchema ProviderSchema { get; }

    /// <summary>The Terraform version reported to ConfigureProvider.</summary>
    public string TerraformVersion { get; init; } = "1.14.0";

    /// <summary>Resource types the provider announced.</summary>
    public IReadOnlyCollection<string> ResourceTypes => [.. _resources.Keys];

    /// <summary>Launches the provider and reads its schema, failing on any schema problem core would reject.</summary>
    public static async Task<TerraformSession> StartAsync(ProviderLaunchOptions options, CancellationToken cancellation = default)
    {
        var process = await ProviderProcess.StartAsync(options, cancellation).ConfigureAwait(false);
        try
        {
            var response = await process.Provider.GetProviderSchemaAsync(new GetProviderSchema.Types.Request(), cancellationToken: cancellation).ConfigureAwait(false);
            Throw("GetProviderSchema", response.Diagnostics);
            var problems = new List<string>();
            if (response.Provider is null)
            {
                problems.Add("missing provider schema");
            }

            var providerSchema = response.Provider is null ? new ObjectSchema([]) : WireSchema.Read(response.Provider, problems, "provider");
            var resources = response.ResourceSchemas.ToDictionary(
                r => r.Key,
                r => (WireSchema.Read(r.Value, problems, r.Key), r.Value.Version),
                StringComparer.Ordinal);
            if (problems.Count > 0)
            {
                throw new TerraformDiagnosticsException("GetProviderSchema (schema checks)", problems);
            }

            return new TerraformSession(process, providerSchema, resources);
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The announced schema of a resource type.</summary>
    public ObjectSchema Schema(string typeName) => _resources.TryGetValue(typeName, out var entry)
        ? entry.Schema
        : throw new ArgumentException($"The provider announced no resource type {typeName}.", nameof(typeName));

    /// <summary>An object of the type's schema from the given attributes; every other attribute is null (unset).</summary>
    public CtyValue Config(string typeName, IReadOnlyDictionary<string, CtyValue> attributes) => ObjectOf(Schema(typeName), attributes);

    /// <summary>A provider block from the given attributes; every other attribute is null.</summary>
    public CtyValue ProviderConfig(IReadOnlyDictionary<string, CtyValue> attributes) => ObjectOf(ProviderSchema, attributes);

    /// <summary>ValidateProviderConfig then ConfigureProvider, as core does before any resource work.</summary>
    public async Task<IReadOnlyList<string>> ConfigureAsync(CtyValue config)
    {
        var value = Wire(config, ProviderSchema.Type);
        var validated = await Process.Provider.ValidateProviderConfigAsync(new ValidateProviderConfig.Types.Request { Config = value });
        Throw("ValidateProviderConfig", validated.Diagnostics);
        var configured = await Process.Provider.ConfigureProviderAsync(new ConfigureProvider.Types.Request
        {
            TerraformVersion = TerraformVersion,
            Config = value,
            ClientCapabilities = new ClientCapabilities { DeferralAllowed = false, WriteOnlyAttributesAllowed = true },
        });
        Throw("ConfigureProvider", configured.Diagnostics);
        return Warnings(validated.Diagnostics.Concat(configured.Diagnostics));
    }

    /// <summary>A resource configuration from plain .NET values (nested dictionaries, lists, numbers, strings), typed by the schema.</summary>
    public CtyValue Config(string typeName, IReadOnlyDictionary<string, object?> attributes) =>
        ConfigValues.From(Schema(typeName).Type, attributes.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal));

    /// <summary>ValidateResourceConfig alone; returns all diagnostics (errors included) for inspection.</summary>
    public async Task<IReadOnlyList<V6Diagnostic>> ValidateAsync(string typeName, CtyValue config)
    {
        var response = await Process.Provider.ValidateResourceConfigAsync(new ValidateResourceConfig.Types.Request
        {
            TypeName = typeName,
            Config = Wire(config, Schema(typeName).Type),
            ClientCapabilities = new ClientCapabilities { WriteOnlyAttributesAllowed = true },
        });
        return response.Diagnostics.Select(V6Diagnostic.From).ToList();
    }

    /// <summary>
    /// Plans one instance as core does: upgrade and refresh are the caller's, then validate,
    /// propose, plan, check validity, filter requires_replace and decide the action.
    /// </summary>
    public async Task<ResourcePlan> PlanAsync(string typeName, StoredState? prior, CtyValue? config, bool createBeforeDestroy = false)
    {
        var schema = Schema(typeName);
        var priorValue = prior?.Value;
        var configValue = config ?? CtyValue.Null(schema.Type);
        if (config is not null)
        {
            var diagnostics = await ValidateAsync(typeName, configValue).ConfigureAwait(false);
            Throw("ValidateResourceConfig", diagnostics);
        }

        var proposed = ProposedNewState.Build(schema, priorValue, configValue);
        var response = await Process.Provider.PlanResourceChangeAsync(new PlanResourceChange.Types.Request
        {
            TypeName = typeName,
            PriorState = Wire(priorValue, schema.Type),
            ProposedNewState = Wire(proposed, schema.Type),
            Config = Wire(configValue, schema.Type),
            PriorPrivate = prior?.Private ?? ByteString.Empty,
            ClientCapabilities = new ClientCapabilities { WriteOnlyAttributesAllowed = true },
        });
        Throw("PlanResourceChange", response.Diagnostics);
        var planned = Decode(response.PlannedState, schema.Type, "planned_state");
        var problems = PlanValidity.CheckPlan(schema, priorValue, configValue, planned);
        if (problems.Count > 0)
        {
            throw new TerraformDiagnosticsException($"Provider produced invalid plan for {typeName}", problems);
        }

        // Core only honours requires_replace paths whose value really changes.
        var replace = new List<CtyPath>();
        if (priorValue is not null && planned is not null)
        {
            foreach (var path in response.RequiresReplace.Select(WireMapping.FromProto))
            {
                var before = path.TryApply(priorValue, out var p) ? p : null;
                var after = path.TryApply(planned, out var a) ? a : null;
                if (before is null || after is null || !after.IsKnown || !before.RawEquals(after))
                {
                    replace.Add(path);
                }
            }
        }

        var action = (priorValue, planned) switch
        {
            (null, null) => PlanAction.NoOp,
            (null, _) => PlanAction.Create,
            (_, null) => PlanAction.Delete,
            _ when replace.Count > 0 => createBeforeDestroy ? PlanAction.CreateThenDelete : PlanAction.DeleteThenCreate,
            _ when priorValue.RawEquals(planned) => PlanAction.NoOp,
            _ => PlanAction.Update,
        };

        return new ResourcePlan
        {
            TypeName = typeName,
            Action = action,
            Prior = priorValue,
            Config = configValue,
            Planned = planned,
            PlannedPrivate = response.PlannedPrivate,
            RequiresReplace = replace,
            Warnings = Warnings(response.Diagnostics),
        };
    }

    /// <summary>
    /// Applies a plan the way core does: a replacement is a destroy and a create (in the order the
    /// plan says), each checked for consistency. Returns the stored state (null when destroyed).
    /// </summary>
    public async Task<StoredState?> ApplyAsync(ResourcePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        switch (plan.Action)
        {
            case PlanAction.NoOp:
                return plan.Prior is null ? null : await StoreAsync(plan.TypeName, plan.Prior, ByteString.Empty).ConfigureAwait(false);
            case PlanAction.DeleteThenCreate:
                await ApplyOneAsync(plan.TypeName, plan.Prior, null, plan.Config, ByteString.Empty).ConfigureAwait(false);
                return await ReplanAndCreateAsync(plan).ConfigureAwait(false);
            case PlanAction.CreateThenDelete:
                var created = await ReplanAndCreateAsync(plan).ConfigureAwait(false);
                await ApplyOneAsync(plan.TypeName, plan.Prior, null, plan.Config, ByteString.Empty).ConfigureAwait(false);
                return created;
            default:
                return await ApplyOneAsync(plan.TypeName, plan.Prior, plan.Planned, plan.Config, plan.PlannedPrivate).ConfigureAwait(false);
        }
    }

    /// <summary>ReadResource (refresh); null when the provider reports the object gone.</summary>
    public async Task<StoredState?> RefreshAsync(string typeName, StoredState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var schema = Schema(typeName);
        var upgraded = await UpgradeAsync(typeName, state).ConfigureAwait(false);
        var response = await Process.Provider.ReadResourceAsync(new ReadResource.Types.Request
        {
            TypeName = typeName,
            CurrentState = Wire(upgraded, schema.Type),
            Private = state.Private,
            ClientCapabilities = new ClientCapabilities { WriteOnlyAttributesAllowed = true },
        });
        Throw("ReadResource", response.Diagnostics);
        var read = Decode(response.NewState, schema.Type, "new_state");
        if (read is null)
        {
            return null;
        }

        if (!read.IsWhollyKnown)
        {
            throw new TerraformDiagnosticsException("ReadResource", ["the provider returned unknown values from a read"]);
        }

        return await StoreAsync(typeName, read, response.Private).ConfigureAwait(false);
    }

    /// <summary>ImportResourceState followed by the refresh core performs on each imported object.</summary>
    public async Task<StoredState> ImportAsync(string typeName, string id)
    {
        var schema = Schema(typeName);
        var response = await Process.Provider.ImportResourceStateAsync(new ImportResourceState.Types.Request
        {
            TypeName = typeName,
            Id = id,
            ClientCapabilities = new ClientCapabilities { WriteOnlyAttributesAllowed = true },
        });
        Throw("ImportResourceState", response.Diagnostics);
        if (response.ImportedResources.Count != 1 || response.ImportedResources[0].TypeName != typeName)
        {
            throw new TerraformDiagnosticsException("ImportResourceState", [$"expected one imported {typeName}, got {response.ImportedResources.Count}"]);
        }

        var imported = Decode(response.ImportedResources[0].State, schema.Type, "state")
            ?? throw new TerraformDiagnosticsException("ImportResourceState", ["imported state is null"]);
        var stored = await StoreAsync(typeName, imported, response.ImportedResources[0].Private).ConfigureAwait(false);
        return await RefreshAsync(typeName, stored).ConfigureAwait(false)
            ?? throw new TerraformDiagnosticsException("Import", [$"Cannot import non-existent remote object ({typeName} {id})"]);
    }

    /// <summary>Plans and applies a destroy, as <c>terraform destroy</c> does for one instance.</summary>
    public async Task DestroyAsync(string typeName, StoredState state)
    {
        var plan = await PlanAsync(typeName, state, null).ConfigureAwait(false);
        if (plan.Action != PlanAction.Delete)
        {
            throw new TerraformDiagnosticsException("Destroy", [$"expected a delete plan, got {plan.Action}"]);
        }

        await ApplyAsync(plan).ConfigureAwait(false);
    }

    /// <summary>UpgradeResourceState on the stored JSON, as core does whenever it loads state.</summary>
    public async Task<CtyValue> UpgradeAsync(string typeName, StoredState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var (schema, _) = _resources[typeName];
        var response = await Process.Provider.UpgradeResourceStateAsync(new UpgradeResourceState.Types.Request
        {
            TypeName = typeName,
            Version = state.SchemaVersion,
            RawState = new RawState { Json = ByteString.CopyFrom(state.Json) },
        });
        Throw("UpgradeResourceState", response.Diagnostics);
        return Decode(response.UpgradedState, schema.Type, "upgraded_state")
            ?? throw new TerraformDiagnosticsException("UpgradeResourceState", ["upgraded state is null for an existing object"]);
    }

    /// <summary>StopProvider, as core sends on Ctrl-C.</summary>
    public async Task StopAsync()
    {
        var response = await Process.Provider.StopProviderAsync(new StopProvider.Types.Request());
        if (!string.IsNullOrEmpty(response.Error))
        {
            throw new TerraformDiagnosticsException("StopProvider", [response.Error]);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Process.DisposeAsync();

    private async Task<StoredState?> ReplanAndCreateAsync(ResourcePlan plan)
    {
        // Core plans the create half of a replacement again with no prior state.
        var create = await PlanAsync(plan.TypeName, null, plan.Config).ConfigureAwait(false);
        return await ApplyOneAsync(plan.TypeName, null, create.Planned, plan.Config, create.PlannedPrivate).ConfigureAwait(false);
    }

    private async Task<StoredState?> ApplyOneAsync(string typeName, CtyValue? prior, CtyValue? planned, CtyValue config, ByteString plannedPrivate)
    {
        var schema = Schema(typeName);
        var response = await Process.Provider.ApplyResourceChangeAsync(new ApplyResourceChange.Types.Request
        {
            TypeName = typeName,
            PriorState = Wire(prior, schema.Type),
            PlannedState = Wire(planned, schema.Type),
            Config = Wire(planned is null ? CtyValue.Null(schema.Type) : config, schema.Type),
            PlannedPrivate = plannedPrivate,
        });
        var applied = Decode(response.NewState, schema.Type, "new_state");
        Throw("ApplyResourceChange", response.Diagnostics);
        var problems = PlanValidity.CheckApplied(schema, planned, applied);
        if (problems.Count > 0)
        {
            throw new TerraformDiagnosticsException($"Provider produced inconsistent result after apply of {typeName}", problems);
        }

        return applied is null ? null : await StoreAsync(typeName, applied, response.Private).ConfigureAwait(false);
    }

    private Task<StoredState> StoreAsync(string typeName, CtyValue value, ByteString privateData)
    {
        var (schema, version) = _resources[typeName];
        return Task.FromResult(new StoredState(value, CtyJson.Encode(value, schema.Type), version, privateData));
    }

    private static CtyValue ObjectOf(ObjectSchema schema, IReadOnlyDictionary<string, CtyValue> attributes) =>
        ConfigValues.From(schema.Type, attributes.ToDictionary(a => a.Key, a => (object?)a.Value, StringComparer.Ordinal));

    private static DynamicValue Wire(CtyValue? value, CtyType type) => WireMapping.Encode(value, type);

    private static CtyValue? Decode(DynamicValue? value, CtyType type, string field)
    {
        try
        {
            return WireMapping.Decode(value, type, field);
        }
        catch (CtyDecodeException ex)
        {
            throw new TerraformDiagnosticsException("Decoding the provider's response", [ex.Message]);
        }
    }

    private static void Throw(string operation, IEnumerable<Protocol.V6.Diagnostic> diagnostics) =>
        Throw(operation, diagnostics.Select(V6Diagnostic.From).ToList());

    private static void Throw(string operation, IReadOnlyList<V6Diagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.IsError).Select(d => d.ToString()).ToList();
        if (errors.Count > 0)
        {
            throw new TerraformDiagnosticsException(operation, errors);
        }
    }

    private static IReadOnlyList<string> Warnings(IEnumerable<Protocol.V6.Diagnostic> diagnostics) =>
        diagnostics.Select(V6Diagnostic.From).Where(d => !d.IsError).Select(d => d.ToString()).ToList();
}

/// <summary>A state as Terraform stores it: JSON of the value, the schema version, private data.</summary>
public sealed record StoredState(CtyValue Value, byte[] Json, long SchemaVersion, ByteString Private);

/// <summary>A diagnostic as the test kit shows it.</summary>
public sealed record V6Diagnostic(bool IsError, string Summary, string Detail, CtyPath? Attribute)
{
    /// <summary>Converts a protocol diagnostic.</summary>
    public static V6Diagnostic From(Protocol.V6.Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        return new V6Diagnostic(
            diagnostic.Severity != Protocol.V6.Diagnostic.Types.Severity.Warning,
            diagnostic.Summary,
            diagnostic.Detail,
            diagnostic.Attribute is null ? null : WireMapping.FromProto(diagnostic.Attribute));
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{(IsError ? "Error" : "Warning")}: {Summary}" + (Detail.Length > 0 ? $": {Detail}" : string.Empty) +
        (Attribute is { Count: > 0 } ? $" (at {Attribute})" : string.Empty);
}
