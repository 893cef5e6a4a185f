using System.Globalization;
using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using ApiContainerSpec = Docker.DotNet.Models.ContainerSpec;

namespace Immutable.Sdk.Docker.Engine;

/// <summary>Swarm service and task operations of the adapter. Services are created and removed, never updated.</summary>
public sealed partial class DockerEngine
{
    /// <summary>Creates a replicated service; returns its id.</summary>
    public async Task<string> CreateServiceAsync(SwarmServiceSpec spec, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var labels = spec.Labels.ToDictionary();
        var container = new ApiContainerSpec
        {
            Image = spec.Image,
            Command = spec.Command.Count > 0 ? [.. spec.Command] : null,
            Env = [.. spec.Environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}")],
            ReadOnly = spec.ReadOnlyRootFilesystem,
            Init = spec.Init,
            StopGracePeriod = spec.StopGracePeriod,
            Configs = [.. spec.Configs.Select(c => new SwarmConfigReference
            {
                ConfigID = c.ConfigId,
                ConfigName = c.ConfigName,
                File = new ConfigReferenceFileTarget { Name = c.Path, UID = "0", GID = "0", Mode = 0x124 /* 0444 */ },
            })],
            Mounts = spec.ReadOnlyRootFilesystem ? [new Mount { Type = "tmpfs", Target = "/tmp" }] : [],
        };
        var service = new ServiceSpec
        {
            Name = spec.Name,
            Labels = labels,
            Mode = new ServiceMode { Replicated = new ReplicatedService { Replicas = (ulong)spec.Replicas } },
            TaskTemplate = new TaskSpec
            {
                ContainerSpec = container,
                Networks = [.. spec.Networks.Select(n => new NetworkAttachmentConfig { Target = n.Network, Aliases = [.. n.Aliases] })],
                Placement = new Placement
                {
                    Constraints = [.. spec.Constraints],
                    MaxReplicas = spec.MaxReplicasPerNode > 0 ? (ulong)spec.MaxReplicasPerNode : null,
                },
                RestartPolicy = new SwarmRestartPolicy { Condition = "any", Delay = spec.RestartDelay },
                Resources = new ResourceRequirements
                {
                    Limits = new SwarmLimit
                    {
                        MemoryBytes = spec.MemoryBytes > 0 ? spec.MemoryBytes : null,
                        NanoCPUs = spec.NanoCpus > 0 ? spec.NanoCpus : null,
                    },
                },
            },
            EndpointSpec = new EndpointSpec
            {
                Mode = spec.EndpointMode == SwarmEndpointMode.Dnsrr ? "dnsrr" : "vip",
                Ports = [.. spec.Ports.Select(p => new PortConfig
                {
                    Protocol = "tcp",
                    TargetPort = (uint)p.TargetPort,
                    PublishedPort = (uint)p.PublishedPort,
                    PublishMode = p.Mode == SwarmPublishMode.Host ? "host" : "ingress",
                })],
            },
        };
        try
        {
            // X-Registry-Auth: the manager stores it with the service and hands it to every node that pulls the image.
            var created = await _client.Swarm.CreateServiceAsync(new ServiceCreateParameters { Service = service, RegistryAuth = AuthFor(spec.PullCredentials) }, cancellation).ConfigureAwait(false);
            return created.ID ?? throw new DockerEngineException(DockerFailure.Refused, $"The Swarm manager created {spec.Name} without reporting its id.");
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            throw NotAManager(ex);
        }
        catch (DockerApiException ex)
        {
            throw new DockerEngineException(DockerFailure.Refused, $"The Swarm manager refused to create the service {spec.Name} ({(int)ex.StatusCode}): {ex.ResponseBody?.Trim()}", inner: ex);
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw Unreachable(ex);
        }
    }

    /// <summary>Facts about a service by id or name; null when it does not exist.</summary>
    public async Task<SwarmServiceFacts?> InspectServiceAsync(string idOrName, CancellationToken cancellation)
    {
        try
        {
            return Facts(await _client.Swarm.InspectServiceAsync(idOrName, cancellation).ConfigureAwait(false));
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
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

    /// <summary>Every service carrying all of <paramref name="labels"/>.</summary>
    public async Task<IReadOnlyList<SwarmServiceFacts>> ListServicesAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var filter = labels.ToDictionary(l => $"{l.Key}={l.Value}", _ => true);
        var services = await Call(() => _client.Swarm.ListServicesAsync(new ServiceListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = filter },
        }, cancellation)).ConfigureAwait(false);
        return [.. services.Select(Facts)];
    }

    /// <summary>Removes a service (Swarm stops its tasks with their grace period). Absent services are not an error.</summary>
    public async Task RemoveServiceAsync(string idOrName, CancellationToken cancellation)
    {
        try
        {
            await _client.Swarm.RemoveServiceAsync(idOrName, cancellation).ConfigureAwait(false);
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
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

    /// <summary>The tasks of a service by id or name (current and recent history, as Swarm keeps it); by id also while a removed service's tasks stop.</summary>
    public async Task<IReadOnlyList<SwarmTaskFacts>> ListTasksAsync(string serviceId, CancellationToken cancellation)
    {
        IList<TaskResponse> tasks;
        try
        {
            tasks = await _client.Tasks.ListAsync(new TasksListParameters
            {
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["service"] = new Dictionary<string, bool> { [serviceId] = true } },
            }, cancellation).ConfigureAwait(false);
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // A removed service's tasks live on while their containers stop, but the filter no longer
            // resolves the service: match its id ourselves.
            tasks = [.. (await Call(() => _client.Tasks.ListAsync(cancellation)).ConfigureAwait(false)).Where(t => t.ServiceID == serviceId)];
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            throw NotAManager(ex);
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw Unreachable(ex);
        }

        return [.. tasks.Select(t => new SwarmTaskFacts
        {
            Id = t.ID ?? string.Empty,
            ServiceId = t.ServiceID ?? string.Empty,
            Slot = (int)(t.Slot ?? 0),
            NodeId = t.NodeID ?? string.Empty,
            State = StateWord(t.Status?.State?.ToString()),
            DesiredState = StateWord(t.DesiredState?.ToString()),
            Message = t.Status?.Message ?? string.Empty,
            Error = t.Status?.Err ?? string.Empty,
            ContainerId = t.Status?.ContainerStatus?.ContainerID ?? string.Empty,
            ExitCode = t.Status?.ContainerStatus?.ExitCode ?? 0,
            Since = t.Status?.Timestamp is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null,
            Addresses = AddressesOf(t.NetworksAttachments),
        })];
    }

    /// <summary>The last <paramref name="lines"/> lines of a service's output across its tasks.</summary>
    public async Task<string> ServiceLogTailAsync(string idOrName, int lines, CancellationToken cancellation)
    {
        try
        {
            using var stream = await _client.Swarm.GetServiceLogsAsync(idOrName, false, new ServiceLogsParameters
            {
                ShowStdout = true,
                ShowStderr = true,
                Tail = lines.ToString(CultureInfo.InvariantCulture),
            }, cancellation).ConfigureAwait(false);
            var (stdout, stderr) = await stream.ReadOutputToEndAsync(cancellation).ConfigureAwait(false);
            return (stdout + stderr).TrimEnd();
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return string.Empty;
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw Unreachable(ex);
        }
    }

    private static SwarmServiceFacts Facts(SwarmService service) => new()
    {
        Id = service.ID,
        Name = service.Spec?.Name ?? string.Empty,
        Image = service.Spec?.TaskTemplate?.ContainerSpec?.Image ?? string.Empty,
        Labels = Copy(service.Spec?.Labels),
        Replicas = service.Spec?.Mode?.Replicated?.Replicas is { } replicas ? (int)replicas : null,
        EndpointMode = service.Spec?.EndpointSpec?.Mode == "dnsrr" ? SwarmEndpointMode.Dnsrr : SwarmEndpointMode.Vip,
        ConfigNames = [.. (service.Spec?.TaskTemplate?.ContainerSpec?.Configs ?? []).Select(c => c.ConfigName)],
        PublishedPorts = [.. (service.Spec?.EndpointSpec?.Ports ?? []).Where(p => p.PublishedPort is > 0).Select(p => (int)p.PublishedPort!.Value)],
        Updated = service.PreviousSpec is not null,
        CreatedAt = service.CreatedAt is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null,
    };

    private static Dictionary<string, string> AddressesOf(IList<NetworkAttachment>? attachments)
    {
        var addresses = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attachment in attachments ?? [])
        {
            if (attachment.Network?.Spec?.Name is { Length: > 0 } network && attachment.Addresses is { Count: > 0 } list)
            {
                addresses[network] = list[0].Split('/')[0];
            }
        }

        return addresses;
    }

    /// <summary>Task states as the API and the CLI write them (running, failed…), whatever the model's enum names are.</summary>
    private static string StateWord(string? state) => (state ?? "unknown").ToLowerInvariant();
}
