using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Immutable.Sdk.Docker.Engine;

/// <summary>Swarm operations of the adapter: the engine's swarm state, nodes, and overlay networks.</summary>
public sealed partial class DockerEngine
{
    /// <summary>Whether this engine is in a swarm and can manage it.</summary>
    public async Task<SwarmState> SwarmStateAsync(CancellationToken cancellation)
    {
        var info = await Call(() => _client.System.GetSystemInfoAsync(cancellation)).ConfigureAwait(false);
        var swarm = info.Swarm;
        return new SwarmState(swarm?.LocalNodeState ?? "inactive", swarm?.ControlAvailable ?? false, swarm?.NodeID ?? string.Empty);
    }

    /// <summary>The nodes of the swarm (needs a manager).</summary>
    public async Task<IReadOnlyList<SwarmNodeFacts>> ListNodesAsync(CancellationToken cancellation)
    {
        var nodes = await Call(() => _client.Swarm.ListNodesAsync(cancellation)).ConfigureAwait(false);
        return [.. nodes.Select(n => new SwarmNodeFacts
        {
            Id = n.ID,
            Hostname = n.Description?.Hostname ?? string.Empty,
            Role = n.Spec?.Role ?? string.Empty,
            Availability = n.Spec?.Availability ?? string.Empty,
            State = n.Status?.State ?? string.Empty,
            Os = n.Description?.Platform?.OS ?? string.Empty,
            Architecture = n.Description?.Platform?.Architecture ?? string.Empty,
            Labels = Copy(n.Spec?.Labels),
            EngineLabels = Copy(n.Description?.Engine?.Labels),
        })];
    }

    /// <summary>Creates an attachable overlay network unless one of that name exists (tasks of services and plain containers can join it).</summary>
    public async Task EnsureOverlayNetworkAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var existing = await Call(() => _client.Networks.ListNetworksAsync(new NetworksListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["name"] = new Dictionary<string, bool> { [name] = true } },
        }, cancellation)).ConfigureAwait(false);
        if (existing.FirstOrDefault(n => n.Name == name) is { } found)
        {
            if (found.Driver != "overlay")
            {
                throw new DockerEngineException(DockerFailure.Refused, $"The network {name} exists with driver {found.Driver}; Swarm services need an overlay network.");
            }

            return;
        }

        try
        {
            await _client.Networks.CreateNetworkAsync(new NetworksCreateParameters
            {
                Name = name,
                Driver = "overlay",
                Attachable = true,
                Labels = labels.ToDictionary(),
            }, cancellation).ConfigureAwait(false);
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            // Created concurrently: that is what we wanted.
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            throw NotAManager(ex);
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw Unreachable(ex);
        }
    }

    private static Dictionary<string, string> Copy(IDictionary<string, string>? labels) =>
        labels is null ? [] : new Dictionary<string, string>(labels, StringComparer.Ordinal);

    private DockerEngineException NotAManager(DockerApiException ex) => new(
        DockerFailure.Refused,
        $"The Docker engine at {Endpoint} is not a Swarm manager: {ex.ResponseBody?.Trim()}",
        "Point the provider's host at a manager node, or run `docker swarm init` there.",
        ex);
}
