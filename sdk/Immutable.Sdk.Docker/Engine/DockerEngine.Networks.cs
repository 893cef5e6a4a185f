using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Immutable.Sdk.Docker.Engine;

/// <summary>Network and image-pull operations of the adapter.</summary>
public sealed partial class DockerEngine
{
    /// <summary>Creates a user-defined bridge network unless one of that name exists.</summary>
    public async Task EnsureNetworkAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var existing = await Call(() => _client.Networks.ListNetworksAsync(new NetworksListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["name"] = new Dictionary<string, bool> { [name] = true } },
        }, cancellation)).ConfigureAwait(false);
        if (existing.Any(n => n.Name == name))
        {
            return;
        }

        try
        {
            await _client.Networks.CreateNetworkAsync(new NetworksCreateParameters
            {
                Name = name,
                Driver = "bridge",
                Labels = labels.ToDictionary(),
            }, cancellation).ConfigureAwait(false);
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            // Created concurrently: that is what we wanted.
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw Unreachable(ex);
        }
    }

    /// <summary>Removes a network; absent or still-used networks are left alone (returns false when kept).</summary>
    public async Task<bool> RemoveNetworkAsync(string name, CancellationToken cancellation)
    {
        try
        {
            await _client.Networks.DeleteNetworkAsync(name, cancellation).ConfigureAwait(false);
            return true;
        }
        catch (DockerNetworkNotFoundException)
        {
            return true;
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return true;
        }
        catch (DockerApiException ex) when (ex.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.Forbidden)
        {
            return false;
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw Unreachable(ex);
        }
    }

    /// <summary>Pulls an image the engine does not have yet.</summary>
    public async Task PullImageAsync(string reference, RegistryCredentials? credentials, CancellationToken cancellation)
    {
        string? error = null;
        var auth = AuthFor(credentials);
        await Call(() => _client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = reference }, auth, new InlineProgress<JSONMessage>(message =>
        {
            if (message.Error is { Message: { Length: > 0 } text })
            {
                error = text.Trim();
            }
        }), cancellation), DockerFailure.RegistryRefused).ConfigureAwait(false);
        if (error is not null)
        {
            throw new DockerEngineException(DockerFailure.RegistryRefused, $"The engine could not pull {reference}: {error}");
        }
    }
}
