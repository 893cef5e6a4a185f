using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Immutable.Sdk.Docker.Engine;

namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>The endpoint half of the runtime: the nginx container that is the service's stable address.</summary>
public sealed partial class DockerHostRuntime
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan ReloadDeadline = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public async Task<bool> PrepareEndpointAsync(RolloutSpec spec, RouteTable routes, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(routes);
        await engine.EnsureNetworkAsync(NetworkOf(spec.Service), RolloutLabels.Of(spec.Service), cancellation).ConfigureAwait(false);
        var name = EndpointOf(spec.Service);
        var fingerprint = Fingerprint(spec);
        if (await engine.InspectContainerAsync(name, cancellation).ConfigureAwait(false) is { } existing)
        {
            if (existing.Running && existing.Labels.GetValueOrDefault(RolloutLabels.EndpointFingerprint) == fingerprint)
            {
                return false;
            }

            // The endpoint's own settings changed (port, address, proxy image): the old address goes away with it.
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
                Command = NginxConfig.Command,
                Labels = labels,
                Network = NetworkOf(spec.Service),
                Aliases = [spec.Service],
                Port = spec.Port,
                Publish = spec.Endpoint.HostPort is { } hostPort ? (spec.Endpoint.HostIp, hostPort) : null,
                StopTimeoutSeconds = (int)Math.Ceiling(spec.DrainTimeout.TotalSeconds),
            }, cancellation).ConfigureAwait(false);
            await WriteRoutesAsync(id, spec.Port, routes, spec.DrainTimeout, cancellation).ConfigureAwait(false);
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
        while ((await engine.ProcessesAsync(id, cancellation).ConfigureAwait(false)).All(p => !IsServingWorker(p.Command)))
        {
            if (clock.Elapsed > ReloadDeadline)
            {
                var logs = await engine.LogTailAsync(id, 20, CancellationToken.None).ConfigureAwait(false);
                await engine.RemoveContainerAsync(id, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
                throw new RolloutException(RolloutField.Endpoint, "Endpoint did not start",
                    $"The proxy image {spec.Endpoint.ProxyImage} did not start nginx workers within {ReloadDeadline.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s. Its output:\n{logs}");
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
        var before = (await engine.ProcessesAsync(id, cancellation).ConfigureAwait(false))
            .Where(p => p.Command.StartsWith(NginxConfig.WorkerTitle, StringComparison.Ordinal))
            .Select(p => p.Pid)
            .ToHashSet(StringComparer.Ordinal);
        await WriteRoutesAsync(id, port, routes, drain, cancellation).ConfigureAwait(false);
        await engine.SignalAsync(id, "HUP", cancellation).ConfigureAwait(false);

        // Done when a new worker serves and every old worker has finished its in-flight requests.
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var processes = await engine.ProcessesAsync(id, cancellation).ConfigureAwait(false);
            var reloaded = processes.Any(p => IsServingWorker(p.Command) && !before.Contains(p.Pid));
            var draining = processes.Count(p => before.Contains(p.Pid));
            if (reloaded && draining == 0)
            {
                log($"endpoint {id} switched to {Describe(routes)} in {clock.ElapsedMilliseconds} ms");
                return;
            }

            if ((!reloaded && clock.Elapsed > ReloadDeadline) || clock.Elapsed > drain + ReloadDeadline)
            {
                var logs = await engine.LogTailAsync(id, 20, CancellationToken.None).ConfigureAwait(false);
                throw new RolloutException(RolloutField.Endpoint, "Traffic switch failed",
                    reloaded
                        ? $"{draining} old nginx worker(s) of {id} were still draining after {clock.Elapsed.TotalSeconds:F0}s."
                        : $"nginx in {id} did not load the new routes. Its output:\n{logs}");
            }

            await Task.Delay(PollInterval, cancellation).ConfigureAwait(false);
        }
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

    private async Task WriteRoutesAsync(string id, int port, RouteTable routes, TimeSpan drain, CancellationToken cancellation) =>
        await engine.WriteFilesAsync(id, NginxConfig.Directory, new Dictionary<string, byte[]>
        {
            [NginxConfig.FileName] = Encoding.UTF8.GetBytes(NginxConfig.Render(routes, port, drain)),
            [NginxConfig.RoutesFileName] = routes.ToJson(),
        }, cancellation).ConfigureAwait(false);

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
                $"The endpoint's proxy image {image} is not on the engine and could not be pulled: {ex.Message}\nSet endpoint.proxy_image to an nginx image the engine has (see docs/resources/rollout.md).", ex);
        }
    }

    private static bool IsServingWorker(string command) => command.Trim() == NginxConfig.WorkerTitle;

    private static string Describe(RouteTable routes) =>
        routes.Routes.Count == 0 ? "no generation" : string.Join(", ", routes.Routes.Select(r => string.Create(CultureInfo.InvariantCulture, $"g{r.Generation}={r.Weight}%")));

    /// <summary>Everything about the endpoint that cannot change without moving it.</summary>
    private static string Fingerprint(RolloutSpec spec)
    {
        var text = string.Join('\n', [
            spec.Endpoint.HostIp,
            spec.Endpoint.HostPort?.ToString(CultureInfo.InvariantCulture) ?? "-",
            spec.Port.ToString(CultureInfo.InvariantCulture),
            spec.Endpoint.ProxyImage,
            .. spec.Networks.Order(StringComparer.Ordinal)]);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
