using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Immutable.Sdk.Docker.Engine;

namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>The endpoint half of the runtime: the HAProxy container that is the service's stable address.</summary>
public sealed partial class DockerHostRuntime
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(20);

    /// <summary>How long a lane may take to have every running container of its generation up in the endpoint's checks (DNS, then <c>rise</c> checks).</summary>
    private static readonly TimeSpan LaneDeadline = TimeSpan.FromSeconds(45);

    /// <summary>Bumped when the endpoint's technology changes, so an endpoint of an older version is replaced by the next rollout.</summary>
    private const string EndpointKind = "haproxy-lanes/1";

    /// <inheritdoc />
    public async Task<bool> PrepareEndpointAsync(RolloutSpec spec, RouteTable routes, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(routes);
        await engine.EnsureNetworkAsync(NetworkOf(spec.Service), RolloutLabels.Of(spec.Service), cancellation).ConfigureAwait(false);
        var name = EndpointOf(spec.Service);
        var fingerprint = Fingerprint(spec);
        var settings = SettingsOf(spec);
        if (await engine.InspectContainerAsync(name, cancellation).ConfigureAwait(false) is { } existing)
        {
            if (existing.Running && existing.Labels.GetValueOrDefault(RolloutLabels.EndpointFingerprint) == fingerprint)
            {
                // The health check may change with a generation; the endpoint's active check follows it with a seamless reload.
                var stored = await engine.ReadFileAsync(existing.Id, $"{HaproxyConfig.Directory}/{HaproxyEndpointJson.FileName}", cancellation).ConfigureAwait(false);
                if (stored is null || !stored.AsSpan().SequenceEqual(HaproxyEndpointJson.ToJson(settings)))
                {
                    log($"endpoint {name}: health check changed, reloading");
                    await WriteEndpointAsync(existing.Id, settings, routes, cancellation).ConfigureAwait(false);
                    await ReloadAsync(existing.Id, spec.DrainTimeout, cancellation).ConfigureAwait(false);
                }

                return false;
            }

            // The endpoint's own settings changed (port, address, proxy image, or an endpoint of an older version): the old address goes away with it.
            log($"replacing endpoint {name}: its settings changed or it is not running");
            await engine.RemoveContainerAsync(existing.Id, TimeSpan.FromSeconds(2), cancellation).ConfigureAwait(false);
        }

        await EnsureProxyImageAsync(spec.Endpoint.ProxyImage, cancellation).ConfigureAwait(false);
        var labels = RolloutLabels.Of(spec.Service);
        labels[RolloutLabels.Role] = RolloutLabels.EndpointRole;
        labels[RolloutLabels.EndpointFingerprint] = fingerprint;
        string id;
        try
        {
            id = await engine.CreateContainerAsync(new ContainerSpec
            {
                Name = name,
                Image = spec.Endpoint.ProxyImage,
                Command = HaproxyConfig.Command,
                Labels = labels,
                Network = NetworkOf(spec.Service),
                Aliases = [spec.Service],
                Port = spec.Port,
                Publish = spec.Endpoint.HostPort is { } hostPort ? (spec.Endpoint.HostIp, hostPort) : null,
                // The endpoint comes back with the engine (after a daemon restart or a reboot) and after a crash, from the
                // configuration stored in it; it starts while its backends are still down and finds them through DNS.
                RestartUnlessStopped = true,
                StopTimeoutSeconds = (int)Math.Ceiling(spec.DrainTimeout.TotalSeconds),
            }, cancellation).ConfigureAwait(false);
            await WriteEndpointAsync(id, settings, routes, cancellation).ConfigureAwait(false);
            foreach (var network in spec.Networks)
            {
                await engine.ConnectAsync(network, id, [spec.Service], cancellation).ConfigureAwait(false);
            }

            await engine.StartContainerAsync(id, cancellation).ConfigureAwait(false);
        }
        catch (DockerEngineException ex) when (ex.Failure == DockerFailure.Refused)
        {
            await engine.RemoveContainerAsync(name, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
            throw await HostPortFailureAsync(spec, ex).ConfigureAwait(false)
                ?? new RolloutException(RolloutField.Endpoint, "Endpoint could not start", $"The endpoint {name} could not start: {ex.Message}", ex);
        }

        var clock = Stopwatch.StartNew();
        while (await WorkerPidAsync(id, cancellation).ConfigureAwait(false) is null)
        {
            if (clock.Elapsed > StartDeadline)
            {
                var logs = await engine.LogTailAsync(id, 20, CancellationToken.None).ConfigureAwait(false);
                await engine.RemoveContainerAsync(id, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
                throw new RolloutException(RolloutField.Endpoint, "Endpoint did not start",
                    $"The proxy image {spec.Endpoint.ProxyImage} did not answer on HAProxy's runtime API ({HaproxyConfig.RuntimeApi}) within {StartDeadline.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s. It needs haproxy 2.6 or newer, sh and nc. Its output:\n{logs}");
            }

            await Task.Delay(PollInterval, cancellation).ConfigureAwait(false);
        }

        log($"endpoint {name} serving on {spec.Endpoint.HostIp}:{spec.Endpoint.HostPort?.ToString(CultureInfo.InvariantCulture) ?? "(network only)"}");
        return true;
    }

    /// <inheritdoc />
    public async Task RouteAsync(string service, int port, RouteTable routes, TimeSpan drain, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var id = EndpointOf(service);
        if (await engine.ReadFileAsync(id, $"{HaproxyConfig.Directory}/{HaproxyEndpointJson.FileName}", cancellation).ConfigureAwait(false) is not { } json)
        {
            // An nginx endpoint of an older version: switched as it always was, until the next rollout replaces it.
            await RouteLegacyAsync(service, port, routes, drain, cancellation).ConfigureAwait(false);
            return;
        }

        var settings = HaproxyEndpointJson.FromJson(json)
            ?? throw new RolloutException(RolloutField.Endpoint, "Endpoint settings unreadable", $"{HaproxyConfig.Directory}/{HaproxyEndpointJson.FileName} in {id} is not valid; remove {id} and apply again.");
        var clock = Stopwatch.StartNew();
        if (HaproxyConfig.SwitchesAtRunTime(routes, settings))
        {
            await WaitLanesUpAsync(service, id, routes, settings, cancellation).ConfigureAwait(false);

            // The file first: a restarted endpoint starts with the weights of the last switch.
            await WriteEndpointAsync(id, settings, routes, cancellation).ConfigureAwait(false);
            await RuntimeApiAsync(id, HaproxyConfig.WeightCommands(routes, settings), cancellation).ConfigureAwait(false);
        }
        else
        {
            await WriteEndpointAsync(id, settings, routes, cancellation).ConfigureAwait(false);
            await ReloadAsync(id, drain, cancellation).ConfigureAwait(false);
        }

        await DrainLanesAsync(id, routes, settings, drain, cancellation).ConfigureAwait(false);
        log($"endpoint {id} switched to {Describe(routes)} in {clock.ElapsedMilliseconds} ms");
    }

    /// <inheritdoc />
    public async Task RemoveEndpointAsync(string service, CancellationToken cancellation)
    {
        await engine.RemoveContainerAsync(EndpointOf(service), TimeSpan.FromSeconds(2), cancellation).ConfigureAwait(false);
        if (await engine.RemoveNetworkAsync(NetworkOf(service), cancellation).ConfigureAwait(false))
        {
            log($"removed endpoint and network of {service}");
        }
    }

    /// <summary>Writes the configuration, the route table it was rendered from, and the settings to render the next one.</summary>
    private async Task WriteEndpointAsync(string id, HaproxyEndpoint settings, RouteTable routes, CancellationToken cancellation) =>
        await engine.WriteFilesAsync(id, HaproxyConfig.Directory, new Dictionary<string, byte[]>
        {
            [HaproxyConfig.FileName] = Encoding.UTF8.GetBytes(HaproxyConfig.Render(routes, settings)),
            [HaproxyConfig.RoutesFileName] = routes.ToJson(),
            [HaproxyEndpointJson.FileName] = HaproxyEndpointJson.ToJson(settings),
        }, cancellation).ConfigureAwait(false);

    private static HaproxyEndpoint SettingsOf(RolloutSpec spec) =>
        new(spec.Port, spec.DrainTimeout, spec.Health, LanesOf(spec.Service, spec.Port), Slots: MaxReplicas);

    /// <summary>Slots per lane: the most replicas a rollout may have, so scaling never changes the configuration's shape.</summary>
    private const int MaxReplicas = 100;

    private async Task EnsureProxyImageAsync(string image, CancellationToken cancellation)
    {
        if (await engine.InspectImageAsync(image, cancellation).ConfigureAwait(false) is not null)
        {
            return;
        }

        try
        {
            await engine.PullImageAsync(image, null, cancellation).ConfigureAwait(false);
        }
        catch (DockerEngineException ex) when (ex.Failure is DockerFailure.RegistryRefused or DockerFailure.Refused)
        {
            throw new RolloutException(RolloutField.Endpoint, "Proxy image not available",
                $"The endpoint's proxy image {image} is not on the engine and could not be pulled: {ex.Message}\nSet endpoint.proxy_image to an HAProxy image the engine has (see docs/resources/rollout.md).", ex);
        }
    }

    private static string Describe(RouteTable routes) =>
        routes.Routes.Count == 0 ? "no generation" : string.Join(", ", routes.Routes.Select(r => string.Create(CultureInfo.InvariantCulture, $"g{r.Generation}={r.Weight}%")));

    /// <summary>Everything about the endpoint that cannot change without moving it.</summary>
    private static string Fingerprint(RolloutSpec spec)
    {
        var text = string.Join('\n', [
            EndpointKind,
            spec.Endpoint.HostIp,
            spec.Endpoint.HostPort?.ToString(CultureInfo.InvariantCulture) ?? "-",
            spec.Port.ToString(CultureInfo.InvariantCulture),
            spec.Endpoint.ProxyImage,
            .. spec.Networks.Order(StringComparer.Ordinal)]);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
