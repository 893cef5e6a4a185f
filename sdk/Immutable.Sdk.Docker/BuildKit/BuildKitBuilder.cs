using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Immutable.Sdk.Docker.BuildContext;
using Immutable.Sdk.Docker.BuildKit.Session;
using Immutable.Sdk.Docker.Engine;
using Immutable.Sdk.Docker.Engine.Connection;
using Microsoft.Extensions.Logging;

namespace Immutable.Sdk.Docker.BuildKit;

/// <summary>
/// Builds images with the engine's BuildKit (<c>POST /build?version=2</c>, the context tar as the
/// body). Secrets, SSH agents and registry credentials are served through a build session that is
/// started only for builds that need one. Progress goes to the logger as <c>docker build</c> shows
/// it; a failure throws <see cref="DockerEngineException"/> naming the failing step, its exit code and
/// the last lines of its output. BuildKit tags only a finished build, so a failure leaves no tag.
/// </summary>
public sealed partial class BuildKitBuilder : IDisposable
{
    private readonly HttpClient _engine;
    private readonly EngineEndpoint _connection;

    /// <summary>A builder for the engine at <paramref name="endpoint"/> (<c>unix://</c> or plain <c>tcp://</c>).</summary>
    public BuildKitBuilder(Uri endpoint)
        : this(endpoint, null)
    {
    }

    /// <summary>A builder for the engine a <see cref="DockerEngine"/> reaches: unix socket, plain TCP, or TCP with its TLS settings.</summary>
    public BuildKitBuilder(EngineEndpoint connection)
        : this(connection?.Host ?? throw new ArgumentNullException(nameof(connection)), connection.Kind == EngineTransportKind.Tls ? connection.Tls : null)
    {
    }

    private BuildKitBuilder(Uri endpoint, TlsSettings? tls)
    {
        Endpoint = endpoint;
        _connection = new EngineEndpoint
        {
            Host = endpoint,
            Kind = tls is not null ? EngineTransportKind.Tls : endpoint.Scheme == "unix" ? EngineTransportKind.Socket : EngineTransportKind.Tcp,
            Source = "the engine's address",
            Tls = tls,
        };
        _engine = EngineHttp.Create(endpoint, tls);
    }

    /// <summary>The engine's address.</summary>
    public Uri Endpoint { get; }

    /// <summary>Whether BuildKit builds can reach an engine at <paramref name="endpoint"/> (unix socket or plain TCP).</summary>
    public static bool Supports(Uri endpoint) => endpoint?.Scheme is "unix" or "tcp" or "http";

    /// <summary>Whether BuildKit builds can reach the engine: unix socket, TCP, or TCP with TLS (not yet ssh://).</summary>
    public static bool Supports(EngineEndpoint connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.Kind is EngineTransportKind.Tcp or EngineTransportKind.Tls ||
               (connection.Kind is EngineTransportKind.Socket && connection.Host.Scheme == "unix");
    }

    /// <summary>
    /// Builds <paramref name="context"/> (a tar stream); returns the image id. <paramref name="credentials"/>
    /// answers the registry credentials by host as BuildKit names it (<c>127.0.0.1:5001</c>,
    /// <c>registry-1.docker.io</c>) for pulling private base images; null (or a null answer) pulls anonymously.
    /// </summary>
    public async Task<string> BuildAsync(Stream context, BuildRequest request, Func<string, RegistryCredentials?>? credentials, ILogger log, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        foreach (var (id, secret) in request.Secrets)
        {
            if (secret.Problem() is { } problem)
            {
                throw new DockerEngineException(DockerFailure.BuildFailed, $"The build secret {id} cannot be served: {problem}.");
            }
        }

        var buildId = Guid.NewGuid().ToString("N");
        try
        {
            await using var session = BuildSession.IsNeeded(request, credentials) ? await BuildSession.StartAsync(_engine, request, credentials, log, cancellation).ConfigureAwait(false) : null;
            using var content = new StreamContent(context);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
            using var message = new HttpRequestMessage(HttpMethod.Post, BuildQuery.For(request, session?.Id, buildId)) { Content = content };
            using var response = await _engine.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellation).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false);
                throw new DockerEngineException(DockerFailure.BuildFailed, $"The Docker engine refused the build ({(int)response.StatusCode}): {ErrorText(body)}");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellation).ConfigureAwait(false);
            return await FollowAsync(stream, log, cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await CancelAsync(buildId).ConfigureAwait(false);
            throw;
        }
        catch (Exception ex) when (Inner<BuildContextException>(ex) is { } changed)
        {
            // The context stream refused to send content that changed since planning.
            await CancelAsync(buildId).ConfigureAwait(false);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(changed);
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or IOException)
        {
            // Explained as the engine client explains it (a CA that did not sign the engine names ca_material, ...).
            var (why, hint) = ConnectionFailure.Explain(_connection, ex);
            throw new DockerEngineException(DockerFailure.Unreachable, $"Cannot reach the Docker engine at {_connection}: {why}", hint, ex);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _engine.Dispose();

    private static async Task<string> FollowAsync(Stream stream, ILogger log, CancellationToken cancellation)
    {
        var trace = new BuildTrace(log);
        string? imageId = null;
        string? error = null;
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellation).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var id = root.TryGetProperty("id", out var idValue) ? idValue.GetString() : null;
            if (id == "moby.buildkit.trace" && root.TryGetProperty("aux", out var trace64) && trace64.ValueKind == JsonValueKind.String)
            {
                trace.Add(trace64.GetString()!);
            }
            else if (id == "moby.image.id" && root.TryGetProperty("aux", out var aux) && aux.TryGetProperty("ID", out var image))
            {
                imageId = image.GetString();
            }
            else if (root.TryGetProperty("error", out var message) && message.GetString() is { Length: > 0 } text)
            {
                error = text.Trim();
            }
            else if (root.TryGetProperty("stream", out var output) && output.GetString() is { Length: > 0 } printed)
            {
                log.LogDebug("build: {Line}", printed.TrimEnd());
            }
        }

        if (error is not null || trace.Failed is not null)
        {
            throw Failure(trace.Failed, error);
        }

        return imageId ?? throw new DockerEngineException(DockerFailure.BuildFailed, "The engine finished the build without reporting an image id.");
    }

    /// <summary>"Image build failed at [2/3] RUN make (exit code 2): …" with the step's last lines as detail.</summary>
    private static DockerEngineException Failure(BuildTrace.Step? step, string? error)
    {
        var reason = step?.Error ?? error ?? "unknown error";
        var exit = ExitCode().Match(reason) is { Success: true } match ? $" (exit code {match.Groups[1].Value})" : string.Empty;
        var where = step is null ? "the build" : step.Name;
        return new DockerEngineException(DockerFailure.BuildFailed, $"Image build failed at {where}{exit}: {reason}", step?.Tail ?? string.Empty);
    }

    /// <summary>Asks the engine to stop a build whose client went away (best effort; the engine also stops it when the connection drops).</summary>
    private async Task CancelAsync(string buildId)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var cancel = new HttpRequestMessage(HttpMethod.Post, "/build/cancel?id=" + buildId);
            using var response = await _engine.SendAsync(cancel, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException or SocketException)
        {
            // Best effort: the dropped connection cancels the build too.
        }
    }

    private static string ErrorText(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("message", out var message) ? message.GetString() ?? body : body;
        }
        catch (JsonException)
        {
            return body.Trim();
        }
    }

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

    [GeneratedRegex(@"exit code: (\d+)")]
    private static partial Regex ExitCode();
}
