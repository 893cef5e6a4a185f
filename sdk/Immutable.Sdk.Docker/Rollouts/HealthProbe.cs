using System.Globalization;
using System.Net.Sockets;
using Immutable.Sdk.Docker.Engine;

namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>
/// Probes one container from the provider's side: HTTP GET of the health path (2xx/3xx is healthy),
/// or a TCP connect when no path is set, through the port the container publishes on loopback.
/// The image's own Docker HEALTHCHECK, when it has one, must report healthy too. Whether the
/// container still runs is the runtime's check (<see cref="DockerHostRuntime.ProbeAsync"/>), made before.
/// </summary>
public sealed class HealthProbe(HttpClient http, string probeHost)
{
    /// <summary>Probes once; returns null when healthy, else what failed.</summary>
    public async Task<string?> CheckAsync(ContainerFacts container, int port, HealthCheckSpec spec, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(spec);
        if (container.Health is "unhealthy" or "starting")
        {
            return $"the image's HEALTHCHECK reports {container.Health} for {container.Name}";
        }

        if (!container.PublishedPorts.TryGetValue(port, out var hostPort))
        {
            return $"container {container.Name} does not publish port {port}";
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(spec.Timeout);
        var target = string.Create(CultureInfo.InvariantCulture, $"{probeHost}:{hostPort}");
        try
        {
            if (spec.HttpPath is { } path)
            {
                using var response = await http.GetAsync(new Uri($"http://{target}{path}"), HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                return status is >= 200 and < 400 ? null : $"GET {path} on {container.Name} answered {status}";
            }

            using var socket = new TcpClient();
            await socket.ConnectAsync(probeHost, hostPort, timeout.Token).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return $"{Describe(spec, container)} timed out after {spec.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s";
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or IOException)
        {
            return $"{Describe(spec, container)} failed: {ex.GetBaseException().Message}";
        }
    }

    private static string Describe(HealthCheckSpec spec, ContainerFacts container) =>
        spec.HttpPath is { } path ? $"GET {path} on {container.Name}" : $"TCP connect to {container.Name}";
}
