using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Immutable.Sdk.Docker.Engine;

namespace Immutable.Sdk.Docker.Rollouts.Swarm;

/// <summary>The endpoint half of the Swarm runtime: the front service and the routers behind it.</summary>
public sealed partial class SwarmRuntime
{
    /// <summary>The front re-resolves the routers' name every second; a new router is given twice that before the old one goes.</summary>
    private static readonly TimeSpan DnsSettle = TimeSpan.FromSeconds(2.5);

    /// <summary>Between HAProxy's own hard stop (the drain time) and Swarm's SIGKILL.</summary>
    private static readonly TimeSpan StopMargin = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    public async Task<bool> PrepareEndpointAsync(RolloutSpec spec, RouteTable routes, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(routes);
        var swarm = await engine.SwarmStateAsync(cancellation).ConfigureAwait(false);
        if (!swarm.IsManager)
        {
            throw new RolloutException(RolloutField.Runtime, "Not a Swarm manager", NotAManagerDetail(swarm));
        }

        await engine.EnsureOverlayNetworkAsync(NetworkOf(spec.Service), RolloutLabels.Of(spec.Service), cancellation).ConfigureAwait(false);
        var name = EndpointOf(spec.Service);
        var fingerprint = Fingerprint(spec);
        var existing = await engine.InspectServiceAsync(name, cancellation).ConfigureAwait(false);
        if (existing is not null && existing.Labels.GetValueOrDefault(RolloutLabels.EndpointFingerprint) != fingerprint)
        {
            // The endpoint's own settings changed (port, publish mode, proxy image): the old address goes away with it.
            log($"replacing endpoint {name}: its settings changed");
            await RemoveServicesAsync([existing], TimeSpan.FromSeconds(2), cancellation).ConfigureAwait(false);
            existing = null;
        }

        var created = existing is null;
        if (existing is null)
        {
            await StartFrontAsync(spec, name, fingerprint, cancellation).ConfigureAwait(false);
        }
        else
        {
            await WaitRunningAsync(existing.Id, name, RolloutField.Endpoint, cancellation).ConfigureAwait(false);
        }

        var routers = await RoutersAsync(spec.Service, cancellation).ConfigureAwait(false);
        if (routers.Count == 0 && await engine.InspectServiceAsync(name, cancellation).ConfigureAwait(false) is { } front)
        {
            await StartRouterAsync(spec.Service, 1, routes, front, spec.DrainTimeout, cancellation).ConfigureAwait(false);
        }

        if (created)
        {
            log($"endpoint {name} serving on port {spec.Endpoint.HostPort?.ToString(CultureInfo.InvariantCulture) ?? "(network only)"} ({settings.PublishMode.ToString().ToLowerInvariant()} mode)");
        }

        return created;
    }

    /// <inheritdoc />
    public async Task RouteAsync(string service, int port, RouteTable routes, TimeSpan drain, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var front = await engine.InspectServiceAsync(EndpointOf(service), cancellation).ConfigureAwait(false)
            ?? throw new RolloutException(RolloutField.Endpoint, "Endpoint missing", $"The endpoint service {EndpointOf(service)} does not exist; the next apply recreates it.");
        var clock = Stopwatch.StartNew();
        var old = await RoutersAsync(service, cancellation).ConfigureAwait(false);
        var sequence = old.Select(r => SwarmLabels.SequenceOf(r.Labels) ?? 0).DefaultIfEmpty(0).Max() + 1;
        await StartRouterAsync(service, sequence, routes, front, drain, cancellation).ConfigureAwait(false);
        if (old.Count > 0)
        {
            // Old and new router both serve for a moment (the front resolves both), then the old one
            // stops: HAProxy finishes its in-flight requests (SIGUSR1) within the drain time.
            await Task.Delay(DnsSettle, cancellation).ConfigureAwait(false);
            await RemoveServicesAsync(old, drain, cancellation).ConfigureAwait(false);
            await RemoveConfigsAsync(service, keep: sequence, cancellation).ConfigureAwait(false);
        }

        log($"endpoint of {service} switched to {Describe(routes)} in {clock.ElapsedMilliseconds} ms (router {RouterOf(service, sequence)})");
    }

    /// <inheritdoc />
    public async Task RemoveEndpointAsync(string service, CancellationToken cancellation)
    {
        var services = await engine.ListServicesAsync(RolloutLabels.Of(service), cancellation).ConfigureAwait(false);
        await RemoveServicesAsync(
            [.. services.Where(s => s.Labels.GetValueOrDefault(RolloutLabels.Role) is RolloutLabels.EndpointRole or SwarmLabels.RouterRole)],
            TimeSpan.FromSeconds(2),
            cancellation).ConfigureAwait(false);
        await RemoveConfigsAsync(service, keep: null, cancellation).ConfigureAwait(false);

        // Task network attachments go a moment after their tasks; the network can be removed once they have.
        var clock = Stopwatch.StartNew();
        while (!await engine.RemoveNetworkAsync(NetworkOf(service), cancellation).ConfigureAwait(false) && clock.Elapsed < StartDeadline)
        {
            await Task.Delay(PollInterval, cancellation).ConfigureAwait(false);
        }

        log($"removed endpoint, routers and network of {service}");
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RolloutProblem>> CheckEndpointAsync(string service, int? hostPort, CancellationToken cancellation)
    {
        SwarmState swarm;
        try
        {
            swarm = await engine.SwarmStateAsync(cancellation).ConfigureAwait(false);
        }
        catch (DockerEngineException ex) when (ex.Failure == DockerFailure.Unreachable)
        {
            return [new RolloutProblem(RolloutField.Runtime, "Swarm not checked", $"The engine could not be asked whether it is a Swarm manager: {ex.Message}", IsWarning: true)];
        }

        if (!swarm.IsManager)
        {
            return [new RolloutProblem(RolloutField.Runtime, "Not a Swarm manager", NotAManagerDetail(swarm))];
        }

        var problems = new List<RolloutProblem>();
        var nodes = await engine.ListNodesAsync(cancellation).ConfigureAwait(false);
        problems.AddRange(PlacementConstraints.Check(settings.Constraints, nodes)
            .Select(p => new RolloutProblem(RolloutField.Placement, "Placement cannot be satisfied", p)));
        if (hostPort is { } port)
        {
            var holders = (await engine.ListServicesAsync(new Dictionary<string, string>(), cancellation).ConfigureAwait(false))
                .Where(s => s.Name != EndpointOf(service) && s.PublishedPorts.Contains(port))
                .Select(s => s.Name)
                .ToList();
            if (holders.Count > 0)
            {
                problems.Add(new RolloutProblem(RolloutField.EndpointPort, "Port already published",
                    $"The Swarm service {holders[0]} already publishes port {port.ToString(CultureInfo.InvariantCulture)}; choose another endpoint.host_port."));
            }
            else if (await ContainerHoldingAsync(service, port, cancellation).ConfigureAwait(false) is { } container)
            {
                problems.Add(new RolloutProblem(RolloutField.EndpointPort, "Port already published",
                    $"The container \"{container}\" (not a Swarm service) already publishes port {port.ToString(CultureInfo.InvariantCulture)} on the manager's engine; choose another endpoint.host_port or remove that container."));
            }
        }

        return problems;
    }

    /// <summary>
    /// A plain container on the manager's own engine that publishes <paramref name="port"/> (the manager sees no other
    /// node's containers). Tasks of this service's front, which publish the port in host mode, do not count.
    /// </summary>
    private async Task<string?> ContainerHoldingAsync(string service, int port, CancellationToken cancellation)
    {
        var published = await engine.PublishedHostPortsAsync(cancellation).ConfigureAwait(false);
        return published.TryGetValue(port, out var holder) && !holder.StartsWith(EndpointOf(service) + ".", StringComparison.Ordinal) ? holder : null;
    }

    private async Task StartFrontAsync(RolloutSpec spec, string name, string fingerprint, CancellationToken cancellation)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var labels = RolloutLabels.Of(spec.Service);
        labels[RolloutLabels.Role] = RolloutLabels.EndpointRole;
        labels[RolloutLabels.EndpointFingerprint] = fingerprint;
        labels[SwarmLabels.ProbeToken] = token;
        var config = await CreateConfigAsync(spec.Service, $"{name}-{token[..8]}", SwarmEndpointConfig.RenderFront(RoutersOf(spec.Service), spec.Port, token, spec.DrainTimeout), sequence: null, cancellation).ConfigureAwait(false);
        string id;
        try
        {
            id = await engine.CreateServiceAsync(new SwarmServiceSpec
            {
                Name = name,
                Image = spec.Endpoint.ProxyImage,
                // Our configuration's path, whatever the image's own CMD (official haproxy images read another
                // file); an image without haproxy fails to start with "executable file not found", not silently.
                Command = HaproxyConfig.Command,
                Replicas = 1,
                Labels = labels,
                Networks = [(NetworkOf(spec.Service), [spec.Service]), .. spec.Networks.Select(n => (n, (IReadOnlyList<string>)[spec.Service]))],
                // The routing mesh needs a virtual IP; host-mode ports work with either, and dnsrr needs no IPVS.
                EndpointMode = settings.PublishMode == SwarmPublishMode.Host ? SwarmEndpointMode.Dnsrr : SwarmEndpointMode.Vip,
                Ports = spec.Endpoint.HostPort is { } hostPort ? [new SwarmPublishedPort(spec.Port, hostPort, settings.PublishMode)] : [],
                Configs = [config],
                StopGracePeriod = spec.DrainTimeout + StopMargin,
            }, cancellation).ConfigureAwait(false);
        }
        catch (DockerEngineException ex) when (ex.Failure == DockerFailure.Refused)
        {
            throw new RolloutException(RolloutField.Endpoint, "Endpoint could not start", $"The Swarm manager refused to create {name}: {ex.Message}", ex);
        }

        try
        {
            await WaitRunningAsync(id, name, RolloutField.Endpoint, cancellation).ConfigureAwait(false);
        }
        catch (RolloutException)
        {
            await engine.RemoveServiceAsync(id, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts the router for one route table, with the front's image and probe token.</summary>
    private async Task StartRouterAsync(string service, long sequence, RouteTable routes, SwarmServiceFacts front, TimeSpan drain, CancellationToken cancellation)
    {
        var name = RouterOf(service, sequence);
        var health = await RouterHealthAsync(routes, cancellation).ConfigureAwait(false);
        var config = await CreateConfigAsync(service, name, SwarmEndpointConfig.RenderRouter(routes, health, drain), sequence, cancellation).ConfigureAwait(false);
        var labels = RolloutLabels.Of(service);
        labels[RolloutLabels.Role] = SwarmLabels.RouterRole;
        labels[SwarmLabels.RouteSequence] = SwarmLabels.Text(sequence);
        labels[SwarmLabels.Routes] = Encoding.UTF8.GetString(routes.ToJson());
        string id;
        try
        {
            id = await engine.CreateServiceAsync(new SwarmServiceSpec
            {
                Name = name,
                Image = front.Image,
                Command = HaproxyConfig.Command,
                Replicas = 1,
                Labels = labels,
                Networks = [(NetworkOf(service), [RoutersOf(service)])],
                EndpointMode = SwarmEndpointMode.Dnsrr,
                Configs = [config],
                // HAProxy's hard-stop-after is the drain time; Swarm's SIGKILL comes only after it.
                StopGracePeriod = drain + StopMargin,
            }, cancellation).ConfigureAwait(false);
        }
        catch (DockerEngineException ex) when (ex.Failure == DockerFailure.Refused)
        {
            throw new RolloutException(RolloutField.Endpoint, "Traffic switch failed", $"The Swarm manager refused to create the router {name}: {ex.Message}", ex);
        }

        try
        {
            await WaitRunningAsync(id, name, RolloutField.Endpoint, cancellation).ConfigureAwait(false);
        }
        catch (RolloutException)
        {
            await engine.RemoveServiceAsync(id, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<SwarmConfigMount> CreateConfigAsync(string service, string name, string content, long? sequence, CancellationToken cancellation)
    {
        var labels = RolloutLabels.Of(service);
        labels[RolloutLabels.Role] = SwarmLabels.ConfigRole;
        if (sequence is { } number)
        {
            labels[SwarmLabels.RouteSequence] = SwarmLabels.Text(number);
        }

        // A leftover of an interrupted run may hold the name; configs are immutable, so it goes first.
        await engine.RemoveConfigAsync(name, cancellation).ConfigureAwait(false);
        var id = await engine.CreateConfigAsync(name, labels, Encoding.UTF8.GetBytes(content), cancellation).ConfigureAwait(false);
        return new SwarmConfigMount(id, name, SwarmEndpointConfig.Path);
    }

    /// <summary>
    /// The routers' active check: the routed generations' HTTP health path (labels of their services) when they
    /// agree, else a TCP connect, so no generation is taken out for a path only another one serves.
    /// </summary>
    private async Task<HealthCheckSpec> RouterHealthAsync(RouteTable routes, CancellationToken cancellation)
    {
        var paths = new HashSet<string?>(StringComparer.Ordinal);
        var timeout = TimeSpan.FromSeconds(1);
        foreach (var route in routes.Routes.Where(r => r.Weight > 0 && r.Backends.Count > 0))
        {
            var labels = (await engine.InspectServiceAsync(ServiceOfBackend(route.Backends[0]), cancellation).ConfigureAwait(false))?.Labels;
            paths.Add(labels?.GetValueOrDefault(SwarmLabels.HealthPath));
            if (labels?.GetValueOrDefault(SwarmLabels.HealthTimeout) is { } text && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
            {
                timeout = TimeSpan.FromMilliseconds(ms);
            }
        }

        return new HealthCheckSpec(paths.Count == 1 ? paths.Single() : null, TimeSpan.FromSeconds(1), timeout, 2);
    }

    private async Task<IReadOnlyList<SwarmServiceFacts>> RoutersAsync(string service, CancellationToken cancellation)
    {
        var labels = RolloutLabels.Of(service);
        labels[RolloutLabels.Role] = SwarmLabels.RouterRole;
        return await engine.ListServicesAsync(labels, cancellation).ConfigureAwait(false);
    }

    /// <summary>Removes services and waits until their tasks have stopped (each within its grace period).</summary>
    private async Task RemoveServicesAsync(IReadOnlyList<SwarmServiceFacts> services, TimeSpan grace, CancellationToken cancellation)
    {
        foreach (var service in services)
        {
            await engine.RemoveServiceAsync(service.Id, cancellation).ConfigureAwait(false);
        }

        await Task.WhenAll(services.Select(s => WaitTasksGoneAsync(s.Id, grace + StartDeadline, cancellation))).ConfigureAwait(false);
    }

    /// <summary>Removes the service's proxy configs except the one of router <paramref name="keep"/> and the front's (configs in use are kept by the manager).</summary>
    private async Task RemoveConfigsAsync(string service, long? keep, CancellationToken cancellation)
    {
        var labels = RolloutLabels.Of(service);
        labels[RolloutLabels.Role] = SwarmLabels.ConfigRole;
        foreach (var config in await engine.ListConfigsAsync(labels, cancellation).ConfigureAwait(false))
        {
            var sequence = SwarmLabels.SequenceOf(config.Labels);
            if (keep is null || (sequence is not null && sequence != keep))
            {
                await engine.RemoveConfigAsync(config.Id, cancellation).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Waits until a proxy service's task runs; a task that fails or cannot be placed is an error with the service's output.</summary>
    private async Task WaitRunningAsync(string id, string name, RolloutField field, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var tasks = await engine.ListTasksAsync(id, cancellation).ConfigureAwait(false);
            if (tasks.Any(t => t.IsRunning))
            {
                return;
            }

            var failed = tasks.FirstOrDefault(t => t.State is "failed" or "rejected");
            var stuck = tasks.FirstOrDefault(t => t.State == "pending" && t.Error.Length + t.Message.Length > 0);
            if (stuck is not null && (stuck.Error + stuck.Message).Contains("port already in use", StringComparison.OrdinalIgnoreCase))
            {
                throw new RolloutException(RolloutField.EndpointPort, "Host port already in use", $"{name} cannot publish its port: {stuck.Error}{stuck.Message}. Choose another endpoint.host_port or stop what holds it.");
            }

            if (failed is not null || clock.Elapsed > StartDeadline)
            {
                var logs = await engine.ServiceLogTailAsync(id, 20, CancellationToken.None).ConfigureAwait(false);
                var why = failed is not null ? $"its task is {failed.State}{Reason(failed)}" : $"no task ran within {StartDeadline.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s{(stuck is null ? string.Empty : Reason(stuck))}";
                throw new RolloutException(field, field == RolloutField.Endpoint ? "Endpoint did not start" : "Service did not start", $"{name} did not start: {why}.\nIts output:\n{(logs.Length > 0 ? logs : "(none)")}");
            }

            await Task.Delay(PollInterval, cancellation).ConfigureAwait(false);
        }
    }

    private async Task<string?> ProbeThroughEndpointAsync(RolloutSpec spec, string instance, string address, int hostPort, CancellationToken cancellation)
    {
        _probeToken ??= (await engine.InspectServiceAsync(EndpointOf(spec.Service), cancellation).ConfigureAwait(false))?.Labels.GetValueOrDefault(SwarmLabels.ProbeToken);
        if (_probeToken is null)
        {
            return $"the endpoint {EndpointOf(spec.Service)} is missing";
        }

        var path = spec.Health.HttpPath ?? "/";
        var uri = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{probeHost}:{hostPort}{SwarmEndpointConfig.ProbePrefix}{address}:{spec.Port}{path}"));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(spec.Health.Timeout);
        var what = spec.Health.HttpPath is null ? $"TCP connect to {instance}" : $"GET {path} on {instance}";
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Add(SwarmEndpointConfig.ProbeHeader, _probeToken);
            using var response = await probeClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var connected = response.Headers.TryGetValues(SwarmEndpointConfig.ConnectHeader, out var values) ? values.FirstOrDefault() : null;
            if (connected is null)
            {
                return $"{what}: the endpoint answered {(int)response.StatusCode} without probing (is a router running?)";
            }

            if (connected == "-")
            {
                return $"{what} failed: connection refused or timed out";
            }

            var status = (int)response.StatusCode;
            return spec.Health.HttpPath is null || status is >= 200 and < 400 ? null : $"{what} answered {status}";
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return $"{what} timed out after {spec.Health.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s";
        }
        catch (HttpRequestException ex)
        {
            return $"{what} through the endpoint failed: {ex.GetBaseException().Message}";
        }
    }

    private string? _probeToken;

    private static string NotAManagerDetail(SwarmState swarm) => swarm.LocalNodeState == "inactive"
        ? "runtime = \"swarm\" needs the provider's host to be a Swarm manager, and this engine is in no swarm. Run `docker swarm init` there (or point host at a manager), or use runtime = \"docker\"."
        : $"runtime = \"swarm\" needs the provider's host to be a Swarm manager; this engine is a {swarm.LocalNodeState} worker. Point the provider's host at a manager node.";

    private static string Describe(RouteTable routes) =>
        routes.Routes.Count == 0 ? "no generation" : string.Join(", ", routes.Routes.Select(r => string.Create(CultureInfo.InvariantCulture, $"g{r.Generation}={r.Weight}%")));

    /// <summary>Everything about the endpoint that cannot change without moving it.</summary>
    private string Fingerprint(RolloutSpec spec)
    {
        var text = string.Join('\n', [
            settings.PublishMode.ToString(),
            spec.Endpoint.HostPort?.ToString(CultureInfo.InvariantCulture) ?? "-",
            spec.Port.ToString(CultureInfo.InvariantCulture),
            spec.Endpoint.ProxyImage,
            .. spec.Networks.Order(StringComparer.Ordinal)]);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
