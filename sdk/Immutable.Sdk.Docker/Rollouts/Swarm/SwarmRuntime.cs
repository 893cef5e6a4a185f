using System.Globalization;
using System.Text;
using Immutable.Sdk.Docker.Engine;

namespace Immutable.Sdk.Docker.Rollouts.Swarm;

/// <summary>
/// Runs generations on Docker Swarm: a generation is one replicated service <c>NAME-gN</c>, created once
/// and never updated (Swarm's reconciler keeps its tasks running across task failures and node loss).
/// The stable endpoint is a front service <c>NAME-endpoint</c> publishing the port, in front of router
/// services <c>NAME-route-K</c> that each serve one route table from an immutable Swarm config (see
/// <see cref="SwarmEndpointConfig"/>). Everything joins the service's attachable overlay network
/// <c>immutable-NAME</c>. This runtime alone knows that naming.
/// </summary>
public sealed partial class SwarmRuntime(DockerEngine engine, SwarmSettings settings, HttpClient probeClient, string probeHost, RegistryClient registry, Action<string> log) : IRolloutRuntime
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);

    /// <summary>The service's attachable overlay network.</summary>
    public static string NetworkOf(string service) => $"immutable-{service}";

    /// <summary>The front service that publishes the endpoint.</summary>
    public static string EndpointOf(string service) => $"{service}-endpoint";

    /// <summary>The service of one generation.</summary>
    public static string GenerationOf(string service, long generation) => $"{service}-g{SwarmLabels.Text(generation)}";

    /// <summary>The router service holding route table number <paramref name="sequence"/>.</summary>
    public static string RouterOf(string service, long sequence) => $"{service}-route-{SwarmLabels.Text(sequence)}";

    /// <summary>The DNS alias every router of the service answers to on its network.</summary>
    public static string RoutersOf(string service) => $"{service}-routers";

    /// <inheritdoc />
    public async Task<ServiceSnapshot> ObserveAsync(string service, CancellationToken cancellation)
    {
        var services = await engine.ListServicesAsync(RolloutLabels.Of(service), cancellation).ConfigureAwait(false);
        var front = services.FirstOrDefault(s => s.Labels.GetValueOrDefault(RolloutLabels.Role) == RolloutLabels.EndpointRole);
        var router = services
            .Where(s => s.Labels.GetValueOrDefault(RolloutLabels.Role) == SwarmLabels.RouterRole)
            .MaxBy(s => SwarmLabels.SequenceOf(s.Labels) ?? 0);
        var routes = router?.Labels.GetValueOrDefault(SwarmLabels.Routes) is { } json
            ? RouteTable.FromJson(Encoding.UTF8.GetBytes(json)) ?? RouteTable.Empty
            : RouteTable.Empty;

        var generations = new Dictionary<long, GenerationFacts>();
        foreach (var app in services.Where(s => s.Labels.GetValueOrDefault(RolloutLabels.Role) == RolloutLabels.AppRole))
        {
            if (RolloutLabels.GenerationOf(app.Labels) is { } number)
            {
                var tasks = await engine.ListTasksAsync(app.Id, cancellation).ConfigureAwait(false);
                generations[number] = Generation(app, tasks);
            }
        }

        var frontRunning = front is not null && (await engine.ListTasksAsync(front.Id, cancellation).ConfigureAwait(false)).Any(t => t.IsRunning);
        return new ServiceSnapshot(routes, new EndpointFacts(EndpointOf(service), front is not null, frontRunning && router is not null), generations);
    }

    /// <inheritdoc />
    public async Task<ProbeResult> ProbeAsync(RolloutSpec spec, InstanceFacts instance, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(instance);
        var tasks = await engine.ListTasksAsync(ServiceOfInstance(instance.Name), cancellation).ConfigureAwait(false);
        var task = tasks.FirstOrDefault(t => t.Id == instance.Id);
        if (task is null)
        {
            return new ProbeResult($"task {instance.Name} was removed", Fatal: true);
        }

        if (IsRejected(task))
        {
            // The node could not prepare the task (most often: could not pull the image); Swarm would only keep retrying.
            throw Rejected(spec, instance.Name, task);
        }

        if (task.HasEnded || task.DesiredState != "running")
        {
            return new ProbeResult($"task {instance.Name} is {task.State}{Reason(task)}", Fatal: true);
        }

        if (task.State != "running")
        {
            // "starting" while the image's HEALTHCHECK has not passed yet; "pending" while no node fits.
            return new ProbeResult($"task {instance.Name} is {task.State}{Reason(task)}");
        }

        if (spec.Endpoint.HostPort is not { } hostPort)
        {
            // Without a published port the provider cannot reach into the overlay network: task state
            // (which includes the image's HEALTHCHECK) is the gate.
            return ProbeResult.Healthy;
        }

        if (!task.Addresses.TryGetValue(NetworkOf(spec.Service), out var address))
        {
            return new ProbeResult($"task {instance.Name} has no address on {NetworkOf(spec.Service)} yet");
        }

        return new ProbeResult(await ProbeThroughEndpointAsync(spec, instance.Name, address, hostPort, cancellation).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task RemoveAsync(GenerationFacts generation, TimeSpan grace, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(generation);
        var name = ServiceOfBackend(generation.Backends[0]);
        var id = (await engine.InspectServiceAsync(name, cancellation).ConfigureAwait(false))?.Id;
        await engine.RemoveServiceAsync(name, cancellation).ConfigureAwait(false);
        if (id is not null && grace > TimeSpan.Zero)
        {
            // Swarm stops the tasks with the service's grace period; done when none is left running.
            await WaitTasksGoneAsync(id, grace + StartDeadline, cancellation).ConfigureAwait(false);
        }

        log($"removed service {name}");
    }

    /// <inheritdoc />
    public Task<string> LogTailAsync(InstanceFacts instance, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return engine.ServiceLogTailAsync(ServiceOfInstance(instance.Name), 20, cancellation);
    }

    private GenerationFacts Generation(SwarmServiceFacts app, IReadOnlyList<SwarmTaskFacts> tasks)
    {
        var current = SwarmSlots.Current(tasks);
        var changed = ChangedInPlace(app);
        var instances = current.Select(t => new InstanceFacts
        {
            Id = t.Id,
            Name = $"{app.Name}.{t.Slot.ToString(CultureInfo.InvariantCulture)}",
            ImageId = app.Image,
            // A service changed in place (docker service update/scale) is not the generation that was rolled out;
            // a task Swarm is starting in place of one that failed is the generation healing, not drift.
            Running = (t.IsRunning || SwarmSlots.IsReplacing(t, tasks)) && changed is null,
            Status = changed ?? (SwarmSlots.IsReplacing(t, tasks) ? $"{t.State} (Swarm replaces a task that ended)" : t.State),
            // A generation's age (max_age) counts from the service's creation, as the cluster recorded it: a task
            // Swarm replaced after a crash runs the same generation and does not make it younger.
            StartedAt = app.CreatedAt ?? t.Since,
            RestartCount = tasks.Count(o => o.Slot == t.Slot && o.HasEnded && o.State is "failed" or "rejected"),
        });
        var appPort = app.Labels.TryGetValue(SwarmLabels.AppPort, out var text) && int.TryParse(text, CultureInfo.InvariantCulture, out var port) ? port : 0;
        // One backend entry per replica: the routers split a generation's share evenly across its tasks.
        return new GenerationFacts(
            RolloutLabels.GenerationOf(app.Labels) ?? 0,
            [.. instances],
            [.. Enumerable.Repeat(Backend(app.Name, appPort), Math.Max(1, app.Replicas ?? 1))],
            app.Labels.GetValueOrDefault(RolloutLabels.Recipe));
    }

    /// <summary>How a generation service was changed behind Terraform's back (scaled, or updated in place); null when it is as rolled out.</summary>
    private static string? ChangedInPlace(SwarmServiceFacts app)
    {
        var rolledOut = app.Labels.TryGetValue(SwarmLabels.Replicas, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : (int?)null;
        if (rolledOut is { } replicas && app.Replicas is { } now && now != replicas)
        {
            return string.Create(CultureInfo.InvariantCulture, $"scaled to {now} replicas (docker service scale), not the {replicas} rolled out");
        }

        return app.Updated ? "updated in place (docker service update)" : null;
    }

    private string Backend(string generationService, int port) => string.Create(CultureInfo.InvariantCulture,
        $"{(settings.BackendMode == SwarmEndpointMode.Dnsrr ? "tasks." : string.Empty)}{generationService}:{port}");

    /// <summary><c>tasks.api-g3:8080</c> or <c>api-g3:8080</c> → <c>api-g3</c>.</summary>
    private static string ServiceOfBackend(string backend)
    {
        var host = backend[..backend.LastIndexOf(':')];
        return host.StartsWith("tasks.", StringComparison.Ordinal) ? host["tasks.".Length..] : host;
    }

    /// <summary><c>api-g3.2</c> → <c>api-g3</c>.</summary>
    private static string ServiceOfInstance(string instance) => instance[..instance.LastIndexOf('.')];

    private static string Reason(SwarmTaskFacts task) =>
        task.Error.Length > 0 ? $": {task.Error}" : task.Message.Length > 0 ? $" ({task.Message})" : string.Empty;

    private async Task WaitTasksGoneAsync(string serviceId, TimeSpan patience, CancellationToken cancellation)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < patience)
        {
            var tasks = await engine.ListTasksAsync(serviceId, cancellation).ConfigureAwait(false);
            if (tasks.All(t => t.HasEnded))
            {
                return;
            }

            await Task.Delay(PollInterval, cancellation).ConfigureAwait(false);
        }
    }
}
