using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Immutable.Cty;
using Immutable.Sdk.Protocol;
using Microsoft.Extensions.Logging;

namespace Immutable.Sdk.Framework;

/// <summary>
/// Base class of a replace-only resource: a typed model plus Create, Read, Delete and (optionally)
/// Import. There is no Update: any change to a configurable attribute plans a replacement, which
/// Terraform carries out as a create and a delete (in the order <c>create_before_destroy</c> asks).
/// </summary>
/// <typeparam name="TModel">The model record; its JSON metadata defines the schema.</typeparam>
public abstract class ReplaceOnlyResource<TModel> : IResourceDefinition
    where TModel : class
{
    private readonly ModelCodec<TModel> _codec;

    /// <summary>Creates the resource from its type name and the model's JSON metadata.</summary>
    protected ReplaceOnlyResource(string typeName, JsonTypeInfo<TModel> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        TypeName = typeName;
        Schema = SchemaReflector.Reflect(model);
        _codec = new ModelCodec<TModel>(model, Schema);
    }

    /// <inheritdoc />
    public string TypeName { get; }

    /// <inheritdoc />
    public ObjectSchema Schema { get; }

    /// <inheritdoc />
    public virtual long SchemaVersion => 0;

    /// <summary>Creates the real object from the planned model; returns it with every computed value set.</summary>
    protected abstract Task<TModel> CreateAsync(TModel planned, ResourceContext context);

    /// <summary>Returns the object as it is now, or null when it no longer exists.</summary>
    protected abstract Task<TModel?> ReadAsync(TModel current, ResourceContext context);

    /// <summary>Removes the real object.</summary>
    protected abstract Task DeleteAsync(TModel current, ResourceContext context);

    /// <summary>Finds an existing object by the id the practitioner gave to <c>terraform import</c>.</summary>
    protected virtual Task<TModel?> ImportAsync(string id, ResourceContext context) =>
        throw new DiagnosticException(Diagnostic.Error(
            "Resource Import Not Implemented",
            $"{TypeName} does not support import: there is no way to rebuild its configuration from the real object."));

    /// <summary>
    /// Checks configuration beyond what the schema and its declarative validators say; values may be unknown.
    /// The typed overload <see cref="Validate(ModelView{TModel}, Diagnostics)"/> is the one the framework calls.
    /// </summary>
    protected virtual void Validate(CtyValue config, Diagnostics diagnostics)
    {
    }

    /// <summary>Checks configuration through a typed, unknown-aware view; by default calls the untyped overload.</summary>
    protected virtual void Validate(ModelView<TModel> config, Diagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(config);
        Validate(config.Value, diagnostics);
    }

    /// <summary>
    /// Adds plan-time knowledge to the generic plan (computed values, extra replacement reasons).
    /// The typed overload <see cref="ModifyPlanAsync(PlanModification{TModel}, ResourceContext)"/> is the one the framework calls.
    /// </summary>
    protected virtual Task ModifyPlanAsync(PlanModification plan, ResourceContext context) => Task.CompletedTask;

    /// <summary>Adds plan-time knowledge through typed views of configuration and prior state; by default calls the untyped overload.</summary>
    protected virtual Task ModifyPlanAsync(PlanModification<TModel> plan, ResourceContext context) =>
        ModifyPlanAsync((PlanModification)plan, context);

    /// <summary>Rewrites the state JSON of an older schema version into the current layout.</summary>
    protected virtual JsonObject UpgradeStateJson(long fromVersion, JsonObject state) => state;

    /// <inheritdoc />
    Task<Diagnostics> IResourceDefinition.ValidateAsync(CtyValue config, ResourceContext context)
    {
        var diagnostics = new Diagnostics();
        SchemaValidation.Validate(Schema, config, CtyPath.Root, diagnostics);
        DiagnosticGuard.Run(diagnostics, context.Logger, () => Validate(new ModelView<TModel>(config, Schema, _codec), diagnostics));
        return Task.FromResult(diagnostics);
    }

    /// <inheritdoc />
    async Task<PlanResult> IResourceDefinition.PlanAsync(PlanRequest request, ResourceContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var diagnostics = new Diagnostics();
        if (request.Proposed is null)
        {
            return new PlanResult(null, [], diagnostics);
        }

        var config = request.Config;
        var prior = request.Prior;
        var modification = new PlanModification<TModel>(config, prior, Schema, _codec);
        await DiagnosticGuard.RunAsync(diagnostics, context.Logger, () => ModifyPlanAsync(modification, context)).ConfigureAwait(false);
        diagnostics.AddRange(modification.Diagnostics);
        if (diagnostics.HasErrors)
        {
            return new PlanResult(null, [], diagnostics);
        }

        if (prior is null)
        {
            return new PlanResult(Overlay(ReplaceOnlyPlanner.PlanCreate(Schema, config), config, modification), [], diagnostics);
        }

        var replace = ReplaceOnlyPlanner.Differences(Schema, prior, config, CtyPath.Root).ToList();
        foreach (var (name, value) in modification.ComputedValues)
        {
            // A plan-time computed value describes the object to be created: when it changes, so does the object.
            var previous = prior.GetAttribute(name);
            if (IsUnsetComputed(name, config) && Schema.Find(name) is { DoesNotForceReplacement: false } && (!value.IsKnown || !value.Equals(previous)))
            {
                replace.Add(CtyPath.Root.GetAttr(name));
            }
        }

        foreach (var (path, reason) in modification.Replacements)
        {
            replace.Add(path);
            diagnostics.AddWarning($"{TypeName} must be replaced", reason, path);
        }

        var planned = replace.Count > 0
            ? ReplaceOnlyPlanner.PlanCreate(Schema, config)
            : ReplaceOnlyPlanner.PlanKeep(Schema, prior, config);
        return new PlanResult(Overlay(planned, config, modification), replace.Distinct().ToList(), diagnostics);
    }

    /// <inheritdoc />
    async Task<ApplyResult> IResourceDefinition.ApplyAsync(ApplyRequest request, ResourceContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var diagnostics = new Diagnostics();
        if (request.Planned is null)
        {
            if (request.Prior is null)
            {
                return new ApplyResult(null, diagnostics);
            }

            var deleted = await DiagnosticGuard.RunAsync(diagnostics, context.Logger, () => DeleteAsync(_codec.ToModel(request.Prior), context)).ConfigureAwait(false);
            diagnostics.AddRange(context.Warnings);
            return new ApplyResult(deleted ? null : request.Prior, diagnostics);
        }

        if (request.Prior is not null)
        {
            // Only operational attributes changed (anything else plans a replacement):
            // nothing deployed changes, the new settings are simply recorded.
            return new ApplyResult(request.Planned, diagnostics);
        }

        TModel? created = null;
        await DiagnosticGuard.RunAsync(diagnostics, context.Logger, async () => created = await CreateAsync(_codec.ToModel(request.Planned), context).ConfigureAwait(false)).ConfigureAwait(false);
        diagnostics.AddRange(context.Warnings);
        if (created is null)
        {
            return new ApplyResult(null, diagnostics);
        }

        var actual = _codec.FromModel(created);
        return new ApplyResult(AppliedState.Merge(Schema, request.Planned, actual, diagnostics, CtyPath.Root), diagnostics);
    }

    /// <inheritdoc />
    async Task<ReadResult> IResourceDefinition.ReadAsync(CtyValue state, ResourceContext context)
    {
        var diagnostics = new Diagnostics();
        TModel? current = null;
        var ok = await DiagnosticGuard.RunAsync(diagnostics, context.Logger, async () => current = await ReadAsync(_codec.ToModel(state), context).ConfigureAwait(false)).ConfigureAwait(false);
        diagnostics.AddRange(context.Warnings);
        if (!ok)
        {
            return new ReadResult(state, diagnostics);
        }

        return new ReadResult(current is null ? null : AppliedState.WithoutWriteOnly(Schema, _codec.FromModel(current)), diagnostics);
    }

    /// <inheritdoc />
    async Task<ReadResult> IResourceDefinition.ImportAsync(string id, ResourceContext context)
    {
        var diagnostics = new Diagnostics();
        TModel? found = null;
        await DiagnosticGuard.RunAsync(diagnostics, context.Logger, async () => found = await ImportAsync(id, context).ConfigureAwait(false)).ConfigureAwait(false);
        diagnostics.AddRange(context.Warnings);
        if (found is null && !diagnostics.HasErrors)
        {
            diagnostics.AddError("Cannot import non-existent remote object", $"No {TypeName} was found for the id \"{id}\".");
        }

        return new ReadResult(found is null ? null : AppliedState.WithoutWriteOnly(Schema, _codec.FromModel(found)), diagnostics);
    }

    /// <inheritdoc />
    ReadResult IResourceDefinition.UpgradeState(long version, ReadOnlyMemory<byte> json)
    {
        var diagnostics = new Diagnostics();
        if (version > SchemaVersion)
        {
            diagnostics.AddError("State written by a newer provider",
                $"This {TypeName} state has schema version {version}, but this provider knows only up to {SchemaVersion}. Upgrade the provider.");
            return new ReadResult(null, diagnostics);
        }

        try
        {
            var node = JsonNode.Parse(json.Span) as JsonObject
                ?? throw new CtyDecodeException(CtyPath.Root, "state is not a JSON object");
            for (var v = version; v < SchemaVersion; v++)
            {
                node = UpgradeStateJson(v, node);
            }

            var bytes = System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());
            return new ReadResult(CtyJson.Decode(bytes, Schema.Type, ignoreUnknownAttributes: true), diagnostics);
        }
        catch (Exception ex) when (ex is CtyDecodeException or System.Text.Json.JsonException)
        {
            diagnostics.AddError("Unreadable state", $"The stored {TypeName} state could not be read: {ex.Message}");
            return new ReadResult(null, diagnostics);
        }
    }

    private bool IsUnsetComputed(string name, CtyValue config) =>
        Schema.Find(name) is { Computed: true } && config.GetAttribute(name).IsNull;

    private CtyValue Overlay(CtyValue planned, CtyValue config, PlanModification modification)
    {
        if (modification.ComputedValues.Count == 0)
        {
            return planned;
        }

        var attributes = Schema.Attributes.ToDictionary(a => a.Name, a => planned.GetAttribute(a.Name), StringComparer.Ordinal);
        foreach (var (name, value) in modification.ComputedValues)
        {
            if (IsUnsetComputed(name, config))
            {
                attributes[name] = value;
            }
        }

        return CtyValue.Object(attributes);
    }
}
