using System.Globalization;
using Immutable.Cty;
using Immutable.Sdk.Docker;
using Immutable.Sdk.Docker.Engine;
using Immutable.Sdk.Docker.References;
using Immutable.Sdk.Docker.Rollouts;
using Immutable.Sdk.Docker.Rollouts.Swarm;
using Immutable.Sdk.Framework;
using Microsoft.Extensions.Logging;

namespace Immutable.Provider.Rollouts;

/// <summary>
/// <c>immutable_rollout</c>: one generation behind a stable endpoint. Create starts, health-gates and
/// switches traffic to a new generation; Delete drains and removes one; there is no Update, so any
/// change — and drift, and expiry under <c>max_age</c> — is a replacement. The rollout engine does the
/// work; this class maps the model onto it and its failures onto diagnostics.
/// </summary>
public sealed class RolloutResource() : ReplaceOnlyResource<RolloutModel>("immutable_rollout", ProviderJsonContext.Default.RolloutModel)
{
    private const string Serving = "serving";
    private static readonly TimeSpan DefaultCreateTimeout = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan DefaultDeleteTimeout = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    protected override void Validate(CtyValue config, Diagnostics diagnostics) => RolloutValidation.Validate(config, diagnostics);

    /// <inheritdoc />
    protected override async Task ModifyPlanAsync(PlanModification plan, ResourceContext context)
    {
        if (plan.Prior is { } prior)
        {
            ExpiredOrDrifted(plan, prior);
        }

        // Known in the plan, so a replacement does not show it (and everything built on it) as
        // "(known after apply)" although the address stays the same.
        if (RolloutSpecs.EndpointUrl(plan.Config) is { } url)
        {
            plan.SetComputed("endpoint_url", CtyValue.String(url));
        }

        var name = plan.Config.GetAttribute("name");
        var endpoint = plan.Config.GetAttribute("endpoint");
        var hostPort = endpoint is { IsKnown: true, IsNull: false } && endpoint.GetAttribute("host_port") is { IsKnown: true, IsNull: false } port ? (int)port.AsInt64() : (int?)null;
        var swarm = SwarmAtPlan(plan.Config);
        if (context.ProviderData is ProviderServices services && name.IsKnown && !name.IsNull && (hostPort is not null || swarm is not null))
        {
            // On Swarm the check also asks whether the engine is a manager and whether the placement can be met.
            var problems = await services.Rollouts(swarm, Log(context)).CheckEndpointAsync(name.AsString(), hostPort, context.Cancellation).ConfigureAwait(false);
            foreach (var problem in problems)
            {
                if (problem.IsWarning)
                {
                    plan.Diagnostics.AddWarning(problem.Summary, problem.Detail);
                }
                else
                {
                    plan.Diagnostics.AddError(problem.Summary, problem.Detail, PathOf(problem.Field));
                }
            }
        }
    }

    /// <inheritdoc />
    protected override async Task<RolloutModel> CreateAsync(RolloutModel planned, ResourceContext context)
    {
        var services = context.ProviderDataAs<ProviderServices>();
        var spec = RolloutSpecs.From(planned, services.ProxyImage) with
        {
            PullCredentials = ImageReference.TryParse(planned.Image, out var image) ? services.Credentials.For(image) : null,
        };
        using var deadline = Deadline.Start(GoDuration.Parse(planned.Timeouts?.Create, DefaultCreateTimeout, CtyPath.Root.GetAttr("timeouts").GetAttr("create")), context.Cancellation);
        GenerationResult result;
        try
        {
            result = await Rollouts(services, context, planned).DeployAsync(spec, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.HasPassed)
        {
            throw new DiagnosticException(Diagnostic.Error("Rollout timed out",
                $"The rollout did not finish within {DurationText.Format(deadline.Timeout)} and was rolled back: the previous generation keeps serving.", CtyPath.Root.GetAttr("timeouts")));
        }
        catch (Exception ex) when (ex is RolloutException or DockerEngineException)
        {
            throw ToDiagnostic(ex);
        }

        context.Logger.LogInformation("rollout {Service}: generation {Generation} serving; cutover took {Cutover} ms", spec.Service, result.Generation, (long)result.Cutover.TotalMilliseconds);
        var maxAge = planned.MaxAge is { } age ? GoDuration.Parse(age, CtyPath.Root.GetAttr("max_age")) : (TimeSpan?)null;
        return planned with
        {
            Id = Id(spec.Service, result.Generation),
            Generation = result.Generation,
            Containers = [.. result.Instances],
            EndpointUrl = RolloutSpecs.EndpointUrl(planned),
            ImageId = result.ImageId,
            StartedAt = ConfigChecks.Timestamp(result.StartedAt),
            ExpiresAt = maxAge is { } expiry ? ConfigChecks.Timestamp(result.StartedAt + expiry) : null,
            Status = Serving,
            Restarts = 0,
        };
    }

    /// <inheritdoc />
    protected override async Task<RolloutModel?> ReadAsync(RolloutModel current, ResourceContext context)
    {
        var services = context.ProviderDataAs<ProviderServices>();
        GenerationReport? report;
        try
        {
            report = await Rollouts(services, context, current).InspectAsync(Record(current), context.Cancellation).ConfigureAwait(false);
        }
        catch (DockerEngineException ex)
        {
            throw ToDiagnostic(ex);
        }

        // Nothing of the generation is left: it is gone, and the plan creates a new one.
        return report is null ? null : current with { Status = report.Drift ?? Serving, Restarts = report.Restarts };
    }

    /// <inheritdoc />
    protected override async Task DeleteAsync(RolloutModel current, ResourceContext context)
    {
        var services = context.ProviderDataAs<ProviderServices>();
        using var deadline = Deadline.Start(GoDuration.Parse(current.Timeouts?.Delete, DefaultDeleteTimeout, CtyPath.Root.GetAttr("timeouts").GetAttr("delete")), context.Cancellation);
        var drain = GoDuration.Parse(current.DrainTimeout, RolloutSpecs.DefaultDrain, CtyPath.Root.GetAttr("drain_timeout"));
        try
        {
            await Rollouts(services, context, current).RetireAsync(current.Name!, current.Generation ?? 0, drain, current.Port ?? 0, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RolloutException or DockerEngineException)
        {
            throw ToDiagnostic(ex);
        }
    }

    /// <inheritdoc />
    protected override async Task<RolloutModel?> ImportAsync(string id, ResourceContext context)
    {
        var services = context.ProviderDataAs<ProviderServices>();
        // The generation part is optional (state ids carry it); whichever generation runs is imported.
        var importId = ImportId.Parse(id, "SERVICE or SERVICE/GENERATION", required: 1, optional: 1);
        if (importId.Count == 2)
        {
            importId.Number(1, "GENERATION");
        }

        var service = importId[0];
        // A service name says nothing about its runtime: look on the Docker host first, then in the swarm it manages.
        var rollouts = services.Rollouts(Log(context));
        if (await rollouts.FindAsync(service, context.Cancellation).ConfigureAwait(false) is not { } found)
        {
            if (!(await services.Engine.SwarmStateAsync(context.Cancellation).ConfigureAwait(false)).IsManager)
            {
                return null;
            }

            rollouts = services.Rollouts(new SwarmSettings(), Log(context));
            if (await rollouts.FindAsync(service, context.Cancellation).ConfigureAwait(false) is not { } inSwarm)
            {
                return null;
            }

            found = inSwarm;
        }

        var recipe = RolloutSpecs.ReadRecipe(found.Recipe) ?? throw new DiagnosticException(Diagnostic.Error(
            "Not a rollout this provider started",
            $"The containers of {service} carry no {RolloutLabels.Recipe} label, so their configuration cannot be recovered."));
        var started = found.Instances.Min(c => c.StartedAt) ?? DateTimeOffset.UtcNow;
        var maxAge = recipe.MaxAge is { } age && GoDuration.TryParse(age, out var parsed) ? parsed : (TimeSpan?)null;
        var imported = recipe with
        {
            Id = Id(service, found.Number),
            Generation = found.Number,
            Containers = [.. found.Instances.Select(c => c.Name)],
            EndpointUrl = RolloutSpecs.EndpointUrl(recipe),
            ImageId = found.Instances[0].ImageId,
            StartedAt = ConfigChecks.Timestamp(started),
            ExpiresAt = maxAge is { } expiry ? ConfigChecks.Timestamp(started + expiry) : null,
        };
        var report = await rollouts.InspectAsync(Record(imported), context.Cancellation).ConfigureAwait(false);
        return imported with { Status = report?.Drift ?? Serving, Restarts = report?.Restarts ?? 0 };
    }

    /// <summary>
    /// Phoenix and drift: an expired or drifted generation is replaced, and the plan says why. The paths are
    /// computed attributes because core keeps only replacement paths whose planned value differs from the prior.
    /// </summary>
    private static void ExpiredOrDrifted(PlanModification plan, CtyValue prior)
    {
        var expires = prior.GetAttribute("expires_at");
        if (!expires.IsNull && DateTimeOffset.TryParse(expires.AsString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expiry) && expiry <= DateTimeOffset.UtcNow)
        {
            plan.RequireReplacement(CtyPath.Root.GetAttr("expires_at"),
                $"Generation {prior.GetAttribute("generation").AsNumber()} started at {prior.GetAttribute("started_at").AsString()} and expired at {expires.AsString()} (max_age {prior.GetAttribute("max_age").AsString()}): it is replaced by a fresh generation (phoenix).");
        }

        var status = prior.GetAttribute("status");
        if (!status.IsNull && status.AsString() != Serving)
        {
            plan.RequireReplacement(CtyPath.Root.GetAttr("status"), $"The running generation changed outside Terraform: {status.AsString()}. A new generation replaces it.");
        }
    }

    /// <summary>What state records about the generation, for the engine to compare with what runs.</summary>
    private static GenerationRecord Record(RolloutModel model) =>
        new(model.Name!, model.Generation ?? 0, model.Replicas ?? 1, model.ImageId, model.Containers is { } names ? [.. names] : []);

    private static string Id(string service, long generation) => string.Create(CultureInfo.InvariantCulture, $"{service}/{generation}");

    private static RolloutEngine Rollouts(ProviderServices services, ResourceContext context, RolloutModel model) =>
        services.Rollouts(RolloutSpecs.OnSwarm(model) ? RolloutSpecs.Swarm(model) : null, Log(context));

    private static Action<string> Log(ResourceContext context) => line => context.Logger.LogInformation("rollout: {Line}", line);

    /// <summary>The Swarm settings as far as the configuration knows them at plan time; null when the rollout is not (known to be) on Swarm.</summary>
    private static SwarmSettings? SwarmAtPlan(CtyValue config)
    {
        var runtime = config.GetAttribute("runtime");
        if (!runtime.IsKnown || runtime.IsNull || runtime.AsString() != RolloutSpecs.SwarmRuntime)
        {
            return null;
        }

        var placement = config.GetAttribute("placement");
        var constraints = placement is { IsKnown: true, IsNull: false } && placement.GetAttribute("constraints") is { IsKnown: true, IsNull: false } list &&
            list.Elements.All(c => c.IsKnown && !c.IsNull)
                ? list.Elements.Select(c => c.AsString()).ToList()
                : []; // unknown until apply: checked when the service is created
        return new SwarmSettings { Constraints = constraints };
    }

    private static CtyPath? PathOf(RolloutField field) => field switch
    {
        RolloutField.Image => CtyPath.Root.GetAttr("image"),
        RolloutField.Endpoint => CtyPath.Root.GetAttr("endpoint"),
        RolloutField.EndpointPort => CtyPath.Root.GetAttr("endpoint").GetAttr("host_port"),
        RolloutField.HealthCheck => CtyPath.Root.GetAttr("health_check"),
        RolloutField.Networks => CtyPath.Root.GetAttr("networks"),
        RolloutField.Volumes => CtyPath.Root.GetAttr("volumes"),
        RolloutField.Runtime => CtyPath.Root.GetAttr("runtime"),
        RolloutField.Placement => CtyPath.Root.GetAttr("placement"),
        _ => null,
    };

    private static DiagnosticException ToDiagnostic(Exception ex) => new(ex switch
    {
        RolloutException rollout => Diagnostic.Error(rollout.Summary, rollout.Message, PathOf(rollout.Field)),
        DockerEngineException { Failure: DockerFailure.Unreachable } unreachable => Diagnostic.Error("Docker engine unreachable", unreachable.Message + "\n" + unreachable.Detail),
        _ => Diagnostic.Error("Docker engine refused the request", ex.Message),
    });
}
