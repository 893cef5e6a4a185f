using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Immutable.Sdk.Docker.Engine;

/// <summary>Swarm config operations of the adapter. A config is immutable: a new content is a new config.</summary>
public sealed partial class DockerEngine
{
    /// <summary>Creates a config; returns its id. An existing config of the same name is refused by the manager.</summary>
    public async Task<string> CreateConfigAsync(string name, IReadOnlyDictionary<string, string> labels, byte[] data, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(labels);
        try
        {
            var created = await _client.Configs.CreateConfigAsync(new SwarmCreateConfigParameters
            {
                Config = new SwarmConfigSpec { Name = name, Labels = labels.ToDictionary(), Data = data },
            }, cancellation).ConfigureAwait(false);
            return created.ID;
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            throw NotAManager(ex);
        }
        catch (DockerApiException ex)
        {
            throw new DockerEngineException(DockerFailure.Refused, $"The Swarm manager refused to create the config {name} ({(int)ex.StatusCode}): {ex.ResponseBody?.Trim()}", inner: ex);
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw Unreachable(ex);
        }
    }

    /// <summary>Every config carrying all of <paramref name="labels"/>, with its data.</summary>
    public async Task<IReadOnlyList<SwarmConfigFacts>> ListConfigsAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(labels);
        IList<SwarmConfig> configs;
        try
        {
            configs = await _client.Configs.ListConfigsAsync(cancellation).ConfigureAwait(false);
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            throw NotAManager(ex);
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw Unreachable(ex);
        }

        // The client offers no filter here; the label match is done on our side.
        return [.. configs
            .Where(c => labels.All(l => c.Spec?.Labels is { } own && own.TryGetValue(l.Key, out var value) && value == l.Value))
            .Select(c => new SwarmConfigFacts(
                c.ID,
                c.Spec?.Name ?? string.Empty,
                Copy(c.Spec?.Labels),
                c.Spec?.Data ?? [],
                c.CreatedAt is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null))];
    }

    /// <summary>Removes a config. Absent configs are not an error; a config a service still mounts is kept (returns false).</summary>
    public async Task<bool> RemoveConfigAsync(string idOrName, CancellationToken cancellation)
    {
        try
        {
            await _client.Configs.RemoveConfigAsync(idOrName, cancellation).ConfigureAwait(false);
            return true;
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return true;
        }
        catch (DockerApiException ex) when (ex.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.BadRequest)
        {
            return false;
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw Unreachable(ex);
        }
    }
}
