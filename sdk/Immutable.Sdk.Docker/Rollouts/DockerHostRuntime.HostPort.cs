using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Immutable.Sdk.Docker.Engine;

namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>The endpoint's host port: who holds it, asked once before anything is created and again only to explain a failed start.</summary>
public sealed partial class DockerHostRuntime
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<RolloutProblem>> CheckEndpointAsync(string service, int? hostPort, CancellationToken cancellation)
    {
        if (hostPort is not { } port)
        {
            return [];
        }

        try
        {
            return await ContainerHoldingAsync(service, port, cancellation).ConfigureAwait(false) is { } holder
                ? [new RolloutProblem(RolloutField.EndpointPort, PortInUseSummary,
                    $"Port {port.ToString(CultureInfo.InvariantCulture)} is already published by the container \"{holder}\". Choose another endpoint.host_port or remove that container.")]
                : [];
        }
        catch (DockerEngineException ex) when (ex.Failure == DockerFailure.Unreachable)
        {
            return [new RolloutProblem(RolloutField.EndpointPort, "Host port could not be checked", ex.Message, IsWarning: true)];
        }
    }

    /// <summary>Why the endpoint could not publish its port, or null when the port is not what failed.</summary>
    private async Task<RolloutException?> HostPortFailureAsync(RolloutSpec spec, Exception failure)
    {
        if (spec.Endpoint.HostPort is not { } port)
        {
            return null;
        }

        var address = $"{spec.Endpoint.HostIp}:{port.ToString(CultureInfo.InvariantCulture)}";
        string? holder;
        try
        {
            holder = await ContainerHoldingAsync(spec.Service, port, CancellationToken.None).ConfigureAwait(false);
        }
        catch (DockerEngineException)
        {
            holder = null;
        }

        var detail = holder is not null
            ? $"The endpoint {EndpointOf(spec.Service)} cannot publish {address}: the container \"{holder}\" publishes it. Choose another endpoint.host_port or remove that container."
            : IsLocalEngine && !CanBind(spec.Endpoint.HostIp, port)
                ? $"The endpoint {EndpointOf(spec.Service)} cannot publish {address}: another process holds it. Choose another endpoint.host_port or stop that process."
                : null;
        return detail is null ? null : PortInUse($"{detail}\n{failure.Message}", failure);
    }

    private const string PortInUseSummary = "Host port already in use";

    private static RolloutException PortInUse(string detail, Exception inner) =>
        new(RolloutField.EndpointPort, PortInUseSummary, detail, inner);

    /// <summary>The container (other than this service's endpoint) that publishes <paramref name="port"/>, if any.</summary>
    private async Task<string?> ContainerHoldingAsync(string service, int port, CancellationToken cancellation)
    {
        var published = await engine.PublishedHostPortsAsync(cancellation).ConfigureAwait(false);
        return published.TryGetValue(port, out var holder) && holder != EndpointOf(service) ? holder : null;
    }

    /// <summary>The engine runs on this machine, so a local bind tells whether another process holds a host port.</summary>
    private bool IsLocalEngine => engine.Endpoint.Scheme is "unix" or "npipe";

    private static bool CanBind(string hostIp, int port)
    {
        if (!IPAddress.TryParse(hostIp, out var address))
        {
            return true;
        }

        try
        {
            using var listener = new TcpListener(address, port);
            listener.Start();
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return false;
        }
        catch (SocketException)
        {
            // Not an address of this machine, or not ours to bind: nothing can be concluded.
            return true;
        }
    }
}
