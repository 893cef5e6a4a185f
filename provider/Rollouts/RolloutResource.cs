using System.Globalization;
using Immutable.Cty;
using Immutable.Sdk.Docker;
using Immutable.Sdk.Docker.Engine;
using Immutable.Sdk.Docker.References;
using Immutable.Sdk.Docker.Rollouts;
using Immutable.Sdk.Framework;
using Microsoft.Extensions.Logging;

namespace Immutable.Provider.Rollouts;

/// <summary>
/// <c>immutable_rollout</c>: one generation of containers behind a stable endpoint. Create starts,
/// health-gates and switches traffic to a new generation; Delete drains and removes one; there is
/// no Update, so any change — and drift, and expiry under <c>max_age</c> — is a replacement.
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

        var name = plan.Config.GetAttribute("name");
        var endpoint = plan.Config.GetAttribute("endpoint");
        if (context.ProviderData is ProviderServices services && name.IsKnown && !name.IsNull && endpoint.IsKnown && !endpoint.IsNull &&
            endpoint.GetAttribute("host_port") is { IsKnown: true, IsNull: false } hostPort)
        {
            await CheckPortAsync(services, name.AsString(), (int)hostPort.AsInt64(), plan.Diagnostics, context.Cancellation).ConfigureAwait(false);
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
        var timeout = planned.Timeouts?.Create is { } text ? GoDuration.Parse(text, CtyPath.Root.GetAttr("timeouts").GetAttr("create")) : DefaultCreateTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        deadline.CancelAfter(timeout);
        if (spec.Endpoint.HostPort is { } hostPort)
        {
            var diagnostics = new Diagnostics();
            await CheckPortAsync(services, spec.Service, hostPort, diagnostics, deadline.Token).ConfigureAwait(false);
            if (diagnostics.FirstOrDefault(d => d.Severity == Severity.Error) is { } conflict)
            {
                throw new DiagnosticException(conflict);
            }
        }

        GenerationResult result;
        try
        {
            result = await Engine(services, context).DeployAsync(spec, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!context.Cancellation.IsCancellationRequested)
        {
            throw new DiagnosticException(Diagnostic.Error("Rollout timed out",
                $"The rollout did not finish within {DurationText.Format(timeout)} and was rolled back: the previous generation keeps serving.", CtyPath.Root.GetAttr("timeouts")));
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
            Containers = [.. result.Containers],
            EndpointUrl = RolloutSpecs.EndpointUrl(planned),
            ImageId = result.ImageId,
            StartedAt = ConfigChecks.Timestamp(result.StartedAt),
            ExpiresAt = maxAge is { } expiry ? ConfigChecks.Timestamp(result.StartedAt + expiry) : null,
            Status = Serving,
        };
    }

    /// <inheritdoc />
    protected override async Task<RolloutModel?> ReadAsync(RolloutModel current, ResourceContext context)
    {
        var services = context.ProviderDataAs<ProviderServices>();
        ServiceSnapshot snapshot;
        try
        {
            snapshot = await Runtime(services, context).ObserveAsync(current.Name!, context.Cancellation).ConfigureAwait(false);
        }
        catch (DockerEngineException ex)
        {
            throw ToDiagnostic(ex);
        }

        var generation = current.Generation ?? 0;
        var containers = snapshot.Generations.GetValueOrDefault(generation) ?? [];
        if (containers.Count == 0 && !snapshot.Routes.RoutesTo(generation))
        {
            // Nothing of this generation is left: it is gone, and the plan creates a new one.
            return null;
        }

        return current with { Status = Drift(current, snapshot, containers) ?? Serving };
    }

    /// <inheritdoc />
    protected override async Task DeleteAsync(RolloutModel current, ResourceContext context)
    {
        var services = context.ProviderDataAs<ProviderServices>();
        var timeout = current.Timeouts?.Delete is { } text ? GoDuration.Parse(text, CtyPath.Root.GetAttr("timeouts").GetAttr("delete")) : DefaultDeleteTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        deadline.CancelAfter(timeout);
        var drain = current.DrainTimeout is { } drainText ? GoDuration.Parse(drainText, CtyPath.Root.GetAttr("drain_timeout")) : RolloutSpecs.DefaultDrain;
        try
        {
            await Engine(services, context).RetireAsync(current.Name!, current.Generation ?? 0, drain, current.Port ?? 0, deadline.Token).ConfigureAwait(false);
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
        var service = id.Split('/')[0];
        var snapshot = await Runtime(services, context).ObserveAsync(service, context.Cancellation).ConfigureAwait(false);
        var generation = snapshot.Routes.Stable ?? (snapshot.Generations.Count > 0 ? snapshot.Generations.Keys.Max() : 0);
        if (!snapshot.Generations.TryGetValue(generation, out var containers) || containers.Count == 0)
        {
            return null;
        }

        var recipe = RolloutSpecs.ReadRecipe(containers[0].Labels.GetValueOrDefault(RolloutLabels.Recipe)) ?? throw new DiagnosticException(Diagnostic.Error(
            "Not a rollout this provider started",
            $"The containers of {service} carry no {RolloutLabels.Recipe} label, so their configuration cannot be recovered."));
        var started = containers.Min(c => c.StartedAt) ?? DateTimeOffset.UtcNow;
        var maxAge = recipe.MaxAge is { } age && GoDuration.TryParse(age, out var parsed) ? parsed : (TimeSpan?)null;
        var imported = recipe with
        {
            Id = Id(service, generation),
            Generation = generation,
            Containers = [.. containers.Select(c => c.Name)],
            EndpointUrl = RolloutSpecs.EndpointUrl(recipe),
            ImageId = containers[0].ImageId,
            StartedAt = ConfigChecks.Timestamp(started),
            ExpiresAt = maxAge is { } expiry ? ConfigChecks.Timestamp(started + expiry) : null,
        };
        return imported with { Status = Drift(imported, snapshot, containers) ?? Serving };
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

    /// <summary>What differs between the recorded generation and what runs; null when nothing does.</summary>
    private static string? Drift(RolloutModel current, ServiceSnapshot snapshot, IReadOnlyList<ContainerFacts> containers)
    {
        var expected = current.Replicas ?? 1;
        if (containers.Count < expected)
        {
            var missing = (current.Containers ?? []).Where(n => containers.All(c => c.Name != n)).ToList();
            return $"drifted: {containers.Count} of {expected} containers exist{(missing.Count > 0 ? " (missing " + string.Join(", ", missing) + ")" : string.Empty)}";
        }

        if (containers.FirstOrDefault(c => !c.Running) is { } stopped)
        {
            return $"drifted: {stopped.Name} is {stopped.Status}";
        }

        if (current.ImageId is { } image && containers.FirstOrDefault(c => c.ImageId != image) is { } other)
        {
            return $"drifted: {other.Name} runs {other.ImageId}, not {image}";
        }

        var newer = snapshot.Generations.Keys.Any(g => g > current.Generation) || snapshot.Routes.Stable > current.Generation;
        if (!newer && snapshot.Endpoint is not { Running: true })
        {
            return $"drifted: the endpoint container {DockerHostRuntime.EndpointOf(current.Name!)} is missing or stopped";
        }

        if (!newer && !snapshot.Routes.RoutesTo(current.Generation ?? 0))
        {
            return $"drifted: the endpoint no longer routes to generation {current.Generation}";
        }

        return null;
    }

    private static async Task CheckPortAsync(ProviderServices services, string service, int hostPort, Diagnostics diagnostics, CancellationToken cancellation)
    {
        try
        {
            var published = await services.Engine.PublishedHostPortsAsync(cancellation).ConfigureAwait(false);
            if (published.TryGetValue(hostPort, out var holder) && holder != DockerHostRuntime.EndpointOf(service))
            {
                diagnostics.AddError("Host port already in use",
                    $"Port {hostPort} is already published by the container \"{holder}\". Choose another endpoint.host_port or remove that container.",
                    CtyPath.Root.GetAttr("endpoint").GetAttr("host_port"));
            }
        }
        catch (DockerEngineException ex) when (ex.Failure == DockerFailure.Unreachable)
        {
            diagnostics.AddWarning("Host port could not be checked", ex.Message);
        }
    }

    private static string Id(string service, long generation) => string.Create(CultureInfo.InvariantCulture, $"{service}/{generation}");

    private static DockerHostRuntime Runtime(ProviderServices services, ResourceContext context) =>
        new(services.Engine, new HealthProbe(services.ProbeClient, "127.0.0.1"), line => context.Logger.LogInformation("rollout: {Line}", line));

    private static RolloutEngine Engine(ProviderServices services, ResourceContext context) =>
        new(Runtime(services, context), line => context.Logger.LogInformation("rollout: {Line}", line));

    private static DiagnosticException ToDiagnostic(Exception ex) => new(ex switch
    {
        RolloutException rollout => Diagnostic.Error(rollout.Summary, rollout.Message, rollout.Field switch
        {
            RolloutField.Image => CtyPath.Root.GetAttr("image"),
            RolloutField.Endpoint => CtyPath.Root.GetAttr("endpoint"),
            RolloutField.EndpointPort => CtyPath.Root.GetAttr("endpoint").GetAttr("host_port"),
            RolloutField.HealthCheck => CtyPath.Root.GetAttr("health_check"),
            RolloutField.Networks => CtyPath.Root.GetAttr("networks"),
            RolloutField.Volumes => CtyPath.Root.GetAttr("volumes"),
            _ => null,
        }),
        DockerEngineException { Failure: DockerFailure.Unreachable } engine => Diagnostic.Error("Docker engine unreachable", engine.Message + "\n" + engine.Detail),
        _ => Diagnostic.Error("Docker engine refused the request", ex.Message),
    });
}
