using System.Formats.Tar;
using System.Globalization;
using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Immutable.Sdk.Docker.Engine;

/// <summary>Container operations of the adapter: create, start, stop, inspect, files, signals, processes, logs.</summary>
public sealed partial class DockerEngine
{
    /// <summary>Creates (does not start) a container; returns its id.</summary>
    public async Task<string> CreateContainerAsync(ContainerSpec spec, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var port = spec.Port.ToString(CultureInfo.InvariantCulture) + "/tcp";
        var host = new HostConfig
        {
            NetworkMode = spec.Network,
            Memory = spec.MemoryBytes,
            NanoCPUs = spec.NanoCpus,
            ReadonlyRootfs = spec.ReadOnlyRootFilesystem,
            Init = spec.Init,
            Tmpfs = spec.ReadOnlyRootFilesystem ? new Dictionary<string, string> { ["/tmp"] = "rw,nosuid,nodev,size=64m" } : new Dictionary<string, string>(),
            Mounts = [.. spec.Mounts.Select(m => new Mount
            {
                Type = m.Source.StartsWith('/') ? "bind" : "volume",
                Source = m.Source,
                Target = m.Target,
                ReadOnly = m.ReadOnly,
            })],
            RestartPolicy = new RestartPolicy { Name = spec.RestartUnlessStopped ? RestartPolicyKind.UnlessStopped : RestartPolicyKind.No },
            PortBindings = spec.Publish is { } publish
                ? new Dictionary<string, IList<PortBinding>>
                {
                    [port] = [new PortBinding { HostIP = publish.HostIp, HostPort = publish.HostPort == 0 ? string.Empty : publish.HostPort.ToString(CultureInfo.InvariantCulture) }],
                }
                : new Dictionary<string, IList<PortBinding>>(),
        };
        var parameters = new CreateContainerParameters
        {
            Name = spec.Name,
            Image = spec.Image,
            Cmd = [.. spec.Command],
            Env = [.. spec.Environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}")],
            Labels = spec.Labels.ToDictionary(),
            ExposedPorts = new Dictionary<string, EmptyStruct> { [port] = default },
            StopTimeout = TimeSpan.FromSeconds(spec.StopTimeoutSeconds),
            HostConfig = host,
            NetworkingConfig = new NetworkingConfig
            {
                EndpointsConfig = new Dictionary<string, EndpointSettings>
                {
                    [spec.Network] = new EndpointSettings { Aliases = [.. spec.Aliases] },
                },
            },
        };
        var created = await Call(() => _client.Containers.CreateContainerAsync(parameters, cancellation)).ConfigureAwait(false);
        return created.ID;
    }

    /// <summary>Starts a created container.</summary>
    public Task StartContainerAsync(string id, CancellationToken cancellation) =>
        Call(() => _client.Containers.StartContainerAsync(id, new ContainerStartParameters(), cancellation));

    /// <summary>Connects a container to one more network, with aliases there.</summary>
    public Task ConnectAsync(string network, string container, IReadOnlyList<string> aliases, CancellationToken cancellation) =>
        Call(() => _client.Networks.ConnectNetworkAsync(network, new NetworkConnectParameters
        {
            Container = container,
            EndpointConfig = new EndpointSettings { Aliases = [.. aliases] },
        }, cancellation));

    /// <summary>Stops a container (SIGTERM, then SIGKILL after <paramref name="grace"/>) and removes it. Absent containers are not an error.</summary>
    public async Task RemoveContainerAsync(string id, TimeSpan grace, CancellationToken cancellation)
    {
        try
        {
            await _client.Containers.StopContainerAsync(id, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)Math.Ceiling(grace.TotalSeconds) }, cancellation).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsNotFound(ex))
        {
            return;
        }
        catch (DockerApiException)
        {
            // A container that cannot be stopped politely is removed by force below.
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw Unreachable(ex);
        }

        try
        {
            await _client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = false }, cancellation).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsNotFound(ex))
        {
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            // Removal already in progress (another call got there first).
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw Unreachable(ex);
        }
    }

    /// <summary>Facts about a container; null when it does not exist.</summary>
    public async Task<ContainerFacts?> InspectContainerAsync(string idOrName, CancellationToken cancellation)
    {
        ContainerInspectResponse inspect;
        try
        {
            inspect = await _client.Containers.InspectContainerAsync(idOrName, cancellation).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsNotFound(ex))
        {
            return null;
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw Unreachable(ex);
        }

        var published = new Dictionary<int, int>();
        foreach (var (key, bindings) in inspect.NetworkSettings?.Ports ?? new Dictionary<string, IList<PortBinding>>())
        {
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            if (bindings is { Count: > 0 } &&
                int.TryParse(slash < 0 ? key : key[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var containerPort) &&
                int.TryParse(bindings[0].HostPort, NumberStyles.None, CultureInfo.InvariantCulture, out var hostPort))
            {
                published[containerPort] = hostPort;
            }
        }

        return new ContainerFacts
        {
            Id = inspect.ID,
            Name = inspect.Name.TrimStart('/'),
            ImageId = inspect.Image,
            Labels = inspect.Config?.Labels is { } labels ? new Dictionary<string, string>(labels) : new Dictionary<string, string>(),
            Running = inspect.State?.Running ?? false,
            Status = inspect.State?.Status ?? "unknown",
            RestartCount = inspect.RestartCount,
            ExitCode = inspect.State?.ExitCode ?? 0,
            Health = inspect.State?.Health?.Status is { Length: > 0 } health ? health : null,
            StartedAt = DateTimeOffset.TryParse(inspect.State?.StartedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var started) && started.Year > 1 ? started : null,
            Addresses = (inspect.NetworkSettings?.Networks ?? new Dictionary<string, EndpointSettings>())
                .Where(n => !string.IsNullOrEmpty(n.Value.IPAddress))
                .ToDictionary(n => n.Key, n => n.Value.IPAddress, StringComparer.Ordinal),
            PublishedPorts = published,
        };
    }

    /// <summary>Every container (running or not) carrying all of <paramref name="labels"/>.</summary>
    public async Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var filter = labels.ToDictionary(l => $"{l.Key}={l.Value}", _ => true);
        var list = await Call(() => _client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = filter },
        }, cancellation)).ConfigureAwait(false);
        return [.. list.Select(c => new ContainerSummary(
            c.ID,
            c.Names is { Count: > 0 } names ? names[0].TrimStart('/') : c.ID,
            c.Labels is { } l ? new Dictionary<string, string>(l) : new Dictionary<string, string>(),
            c.State ?? string.Empty))];
    }

    /// <summary>Host ports that running containers publish, with the name of the container holding each.</summary>
    public async Task<IReadOnlyDictionary<int, string>> PublishedHostPortsAsync(CancellationToken cancellation)
    {
        var list = await Call(() => _client.Containers.ListContainersAsync(new ContainersListParameters { All = false }, cancellation)).ConfigureAwait(false);
        var ports = new Dictionary<int, string>();
        foreach (var container in list)
        {
            foreach (var port in container.Ports ?? [])
            {
                if (port.PublicPort is > 0)
                {
                    ports[(int)port.PublicPort] = container.Names is { Count: > 0 } names ? names[0].TrimStart('/') : container.ID;
                }
            }
        }

        return ports;
    }

    /// <summary>Sends a signal (e.g. <c>HUP</c>) to a container's main process.</summary>
    public Task SignalAsync(string id, string signal, CancellationToken cancellation) =>
        Call(() => _client.Containers.KillContainerAsync(id, new ContainerKillParameters { Signal = signal }, cancellation));

    /// <summary>Writes files (path relative to <paramref name="directory"/> → content) into a container, atomically per file as the engine extracts a tar.</summary>
    public async Task WriteFilesAsync(string id, string directory, IReadOnlyDictionary<string, byte[]> files, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(files);
        using var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (name, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                var entry = new UstarTarEntry(TarEntryType.RegularFile, name)
                {
                    DataStream = new MemoryStream(content, writable: false),
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                    ModificationTime = DateTimeOffset.UnixEpoch,
                };
                await writer.WriteEntryAsync(entry, cancellation).ConfigureAwait(false);
            }
        }

        tar.Position = 0;
#pragma warning disable IMM0005 // by design: only a traffic switch's routing table is written, never an application container
        await Call(() => _client.Containers.ExtractArchiveToContainerAsync(id, new CopyToContainerParameters { Path = directory }, tar, cancellation)).ConfigureAwait(false);
#pragma warning restore IMM0005
    }

    /// <summary>Reads one file from a container; null when the container or the file does not exist.</summary>
    public async Task<byte[]?> ReadFileAsync(string id, string path, CancellationToken cancellation)
    {
        try
        {
            var archive = await _client.Containers.GetArchiveFromContainerAsync(id, new ContainerPathStatParameters { Path = path }, false, cancellation).ConfigureAwait(false);
            await using var stream = archive.Stream ?? Stream.Null;
            await using var reader = new TarReader(stream);
            while (await reader.GetNextEntryAsync(copyData: false, cancellation).ConfigureAwait(false) is { } entry)
            {
                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is { } data)
                {
                    using var buffer = new MemoryStream();
                    await data.CopyToAsync(buffer, cancellation).ConfigureAwait(false);
                    return buffer.ToArray();
                }
            }

            return null;
        }
        catch (Exception ex) when (IsNotFound(ex))
        {
            return null;
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw Unreachable(ex);
        }
    }

    /// <summary>The processes running in a container: PID and command line (as <c>docker top</c> shows them).</summary>
    public async Task<IReadOnlyList<(string Pid, string Command)>> ProcessesAsync(string id, CancellationToken cancellation)
    {
        var top = await Call(() => _client.Containers.ListProcessesAsync(id, new ContainerListProcessesParameters { PsArgs = "-eo pid,args" }, cancellation)).ConfigureAwait(false);
        var pid = top.Titles?.IndexOf("PID") ?? -1;
        var command = top.Titles is { } titles ? titles.Count - 1 : -1;
        if (pid < 0 || command < 0)
        {
            return [];
        }

        return [.. (top.Processes ?? []).Where(p => p.Count > command).Select(p => (p[pid], p[command]))];
    }

    /// <summary>The last <paramref name="lines"/> lines of a container's output (stdout and stderr interleaved as the engine stored them).</summary>
    public async Task<string> LogTailAsync(string id, int lines, CancellationToken cancellation)
    {
        try
        {
            using var stream = await _client.Containers.GetContainerLogsAsync(id, new ContainerLogsParameters
            {
                ShowStdout = true,
                ShowStderr = true,
                Tail = lines.ToString(CultureInfo.InvariantCulture),
            }, cancellation).ConfigureAwait(false);
            var (stdout, stderr) = await stream.ReadOutputToEndAsync(cancellation).ConfigureAwait(false);
            return (stdout + stderr).TrimEnd();
        }
        catch (Exception ex) when (IsNotFound(ex))
        {
            return string.Empty;
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw Unreachable(ex);
        }
    }

    private static bool IsNotFound(Exception ex) =>
        ex is DockerContainerNotFoundException || (ex is DockerApiException api && api.StatusCode == HttpStatusCode.NotFound);
}
