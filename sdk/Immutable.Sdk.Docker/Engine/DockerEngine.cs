using System.Net;
using System.Net.Sockets;
using Docker.DotNet;
using Docker.DotNet.Models;
using Immutable.Sdk.Docker.Engine.Connection;

namespace Immutable.Sdk.Docker.Engine;

/// <summary>
/// The one adapter between the Immutable engine and the Docker Engine API. Everything above it
/// reads as domain code; everything here translates to and from Docker.DotNet, and turns the
/// engine's failures into <see cref="DockerEngineException"/> with practitioner-facing messages.
/// </summary>
public sealed partial class DockerEngine : IDisposable
{
    private readonly DockerClient _client;

    private readonly EngineEndpoint _connection;

    private DockerEngine(EngineEndpoint connection, DockerClient client)
    {
        _connection = connection;
        _client = client;
    }

    /// <summary>The engine's address.</summary>
    public Uri Endpoint => _connection.Host;

    /// <summary>How the engine is reached (transport, TLS settings), for clients beside Docker.DotNet such as BuildKit's.</summary>
    public EngineEndpoint Connection => _connection;

    /// <summary>A client for the engine at <paramref name="endpoint"/> (no connection is made yet).</summary>
    public static DockerEngine Connect(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return Connect(new EngineEndpoint { Host = endpoint, Kind = endpoint.Scheme is "unix" or "npipe" ? EngineTransportKind.Socket : EngineTransportKind.Tcp, Source = "the given address" });
    }

    /// <summary>A client for a resolved endpoint (see <see cref="EndpointResolver"/>); no connection is made yet.</summary>
    public static DockerEngine Connect(EngineEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var client = endpoint.Kind is EngineTransportKind.Tls or EngineTransportKind.Ssh or EngineTransportKind.Tcp
            ? new DockerClientBuilder()
                .WithEndpoint(EngineTransport.RequestBase(endpoint))
                .WithAuthProvider(EngineTransport.Auth(endpoint))
                .WithTransportOptions(EngineTransport.Options(endpoint))
                .Build()
            : new DockerClientBuilder().WithEndpoint(endpoint.Host).Build();
        return new DockerEngine(endpoint, client);
    }

    /// <summary>Checks the engine answers; returns its version and API version.</summary>
    public async Task<(string Version, string ApiVersion)> PingAsync(CancellationToken cancellation)
    {
        var version = await Call(() => _client.System.GetVersionAsync(cancellation)).ConfigureAwait(false);
        return (version.Version, version.APIVersion);
    }

    /// <summary>
    /// Builds an image from a context tar stream with the classic builder. Returns the image id.
    /// A failing step throws <see cref="DockerFailure.BuildFailed"/> naming the step, with the
    /// tail of the build output as detail.
    /// </summary>
    public async Task<string> BuildAsync(Stream context, BuildRequest request, Action<string> log, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Secrets.Count > 0 || request.SshAgents.Count > 0)
        {
            throw new DockerEngineException(DockerFailure.BuildFailed, "Build secrets and SSH forwarding need BuildKit; the classic builder has neither.");
        }

        var output = new BuildOutput(log);
        var parameters = new ImageBuildParameters
        {
            Dockerfile = request.Dockerfile,
            Tags = [.. request.Tags],
            BuildArgs = request.BuildArgs.ToDictionary(),
            Labels = request.Labels.ToDictionary(),
            Target = request.Target,
            Platform = request.Platform,
            NoCache = request.NoCache,
            Remove = true,
            ForceRemove = true,
        };

        await Call(() => _client.Images.BuildImageFromDockerfileAsync(parameters, context, null, null, new InlineProgress<JSONMessage>(output.Add), cancellation)).ConfigureAwait(false);
        if (output.Error is { } error)
        {
            var step = output.CurrentStep is null ? "the build" : $"\"{output.CurrentStep}\"";
            throw new DockerEngineException(DockerFailure.BuildFailed, $"Image build failed at {step}: {error}", output.Tail);
        }

        return output.ImageId ?? throw new DockerEngineException(DockerFailure.BuildFailed, "The engine finished the build without reporting an image id.", output.Tail);
    }

    /// <summary>Pushes <c>repository:tag</c>; returns the manifest digest the registry accepted.</summary>
    public async Task<string> PushAsync(string repository, string tag, RegistryCredentials? credentials, Action<string> log, CancellationToken cancellation)
    {
        string? digest = null;
        string? error = null;
        var auth = AuthFor(credentials);
        await Call(() => _client.Images.PushImageAsync(repository, new ImagePushParameters { Tag = tag }, auth, new InlineProgress<JSONMessage>(message =>
        {
            if (message.Error is { Message: { Length: > 0 } text })
            {
                error = text.Trim();
            }

            digest = BuildOutput.AuxString(message, "Digest") ?? digest;
            if (message.Status is { Length: > 0 } status && message.Progress is null)
            {
                log(status);
            }
        }), cancellation), DockerFailure.RegistryRefused).ConfigureAwait(false);

        if (error is not null)
        {
            throw new DockerEngineException(DockerFailure.RegistryRefused, $"The registry refused the push of {repository}:{tag}: {error}");
        }

        return digest ?? throw new DockerEngineException(DockerFailure.RegistryRefused, $"The push of {repository}:{tag} reported no digest.");
    }

    /// <summary>Facts about a local image by id or reference; null when the engine has no such image.</summary>
    public async Task<ImageFacts?> InspectImageAsync(string idOrReference, CancellationToken cancellation)
    {
        try
        {
            var image = await _client.Images.InspectImageAsync(idOrReference, cancellation).ConfigureAwait(false);
            return new ImageFacts(
                image.ID,
                [.. image.RepoTags ?? []],
                [.. image.RepoDigests ?? []],
                image.Config?.Labels is { } labels ? new Dictionary<string, string>(labels) : new Dictionary<string, string>(),
                image.Created,
                image.Os ?? string.Empty,
                image.Architecture ?? string.Empty);
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw Unreachable(ex);
        }
    }

    /// <summary>
    /// Removes a tag (or an image by id). Removing a tag deletes the image only when nothing else
    /// refers to it — another tag or a container keeps it alive. Absent images are not an error.
    /// </summary>
    public async Task RemoveImageAsync(string idOrReference, CancellationToken cancellation)
    {
        try
        {
            await _client.Images.DeleteImageAsync(idOrReference, new ImageDeleteParameters { Force = false }, cancellation).ConfigureAwait(false);
        }
        catch (DockerImageNotFoundException)
        {
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            throw new DockerEngineException(DockerFailure.Refused, $"The engine keeps {idOrReference}: {ex.ResponseBody?.Trim()}");
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw Unreachable(ex);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    // A credential helper answers "<token>" as the user name when the secret is an identity token.
    private static AuthConfig AuthFor(RegistryCredentials? credentials) => credentials switch
    {
        null => new AuthConfig(),
        { IsIdentityToken: true } => new AuthConfig { IdentityToken = credentials.Password, ServerAddress = credentials.ServerAddress },
        _ => new AuthConfig { Username = credentials.Username, Password = credentials.Password, ServerAddress = credentials.ServerAddress },
    };

    private async Task<T> Call<T>(Func<Task<T>> call, DockerFailure refusal = DockerFailure.Refused)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (Inner<BuildContext.BuildContextException>(ex) is { } context)
        {
            // The context stream refused to send content that changed since planning; that is
            // the context's failure, not the engine's.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(context);
            throw;
        }
        catch (DockerApiException ex)
        {
            throw new DockerEngineException(refusal, $"The Docker engine refused the request ({(int)ex.StatusCode}): {ex.ResponseBody?.Trim()}", inner: ex);
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw Unreachable(ex);
        }
    }

    private Task Call(Func<Task> call, DockerFailure refusal = DockerFailure.Refused) =>
        Call(async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        }, refusal);

    private static T? Inner<T>(Exception? ex)
        where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static bool IsUnreachable(Exception ex) =>
        ex is HttpRequestException or SocketException or TimeoutException or IOException ||
        (ex is AggregateException aggregate && aggregate.InnerExceptions.All(IsUnreachable)) ||
        (ex is TaskCanceledException && ex.InnerException is TimeoutException);

    private DockerEngineException Unreachable(Exception ex)
    {
        var (why, hint) = ConnectionFailure.Explain(_connection, ex);
        return new(DockerFailure.Unreachable, $"Cannot reach the Docker engine at {_connection} ({_connection.Source}): {why}", hint, ex);
    }
}
