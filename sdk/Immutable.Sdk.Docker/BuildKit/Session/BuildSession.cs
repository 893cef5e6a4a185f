using System.Net;
using System.Net.Sockets;
using Immutable.Sdk.Docker.Engine;
using Immutable.Sdk.Hosting.Kestrel;
using Microsoft.Extensions.Logging;

namespace Immutable.Sdk.Docker.BuildKit.Session;

/// <summary>
/// A BuildKit session: <c>POST /session</c> upgraded to h2c hands us a raw connection on which the
/// daemon is the gRPC client. Its bytes are pumped, unchanged, to <see cref="SessionServer"/>'s
/// socket. The build names the session by <see cref="Id"/>; disposing ends it.
/// </summary>
internal sealed class BuildSession : IAsyncDisposable
{
    private readonly DirectoryInfo _directory;
    private readonly KestrelGrpcServer _server;
    private readonly Stream _daemon;
    private readonly Socket _local;
    private readonly Task _pump;

    private BuildSession(string id, DirectoryInfo directory, KestrelGrpcServer server, Stream daemon, Socket local)
    {
        Id = id;
        _directory = directory;
        _server = server;
        _daemon = daemon;
        _local = local;
        var toServer = new NetworkStream(local, ownsSocket: false);
        _pump = Task.WhenAny(Pump(daemon, toServer), Pump(toServer, daemon)).Unwrap();
    }

    public string Id { get; }

    /// <summary>Whether the daemon must call back during the build: for secrets, SSH agents or registry credentials.</summary>
    public static bool IsNeeded(BuildRequest request, Func<string, RegistryCredentials?>? credentials) =>
        request.Secrets.Count > 0 || request.SshAgents.Count > 0 || credentials is not null;

    public static async Task<BuildSession> StartAsync(HttpClient engine, BuildRequest request, Func<string, RegistryCredentials?>? credentials, ILogger log, CancellationToken cancellation)
    {
        var id = Guid.NewGuid().ToString("N");
        var directory = Directory.CreateTempSubdirectory("immutable-session-");
        KestrelGrpcServer? server = null;
        Stream? daemon = null;
        Socket? local = null;
        try
        {
            var socketPath = Path.Combine(directory.FullName, "s.sock");
            server = await SessionServer.StartAsync(socketPath, new SessionService(request, credentials, log), cancellation).ConfigureAwait(false);
            daemon = await UpgradeAsync(engine, id, cancellation).ConfigureAwait(false);
            local = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await local.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellation).ConfigureAwait(false);
            log.LogDebug("build: session {Id} attached (secrets: {Secrets}; ssh: {Ssh}; registry credentials: {Credentials})",
                id, string.Join(", ", request.Secrets.Keys), string.Join(", ", request.SshAgents.Keys), credentials is null ? "no" : "yes");
            return new BuildSession(id, directory, server, daemon, local);
        }
        catch
        {
            local?.Dispose();
            if (daemon is not null)
            {
                await daemon.DisposeAsync().ConfigureAwait(false);
            }

            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }

            directory.Delete(recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _local.Dispose();
        await _daemon.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _pump.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The connections were closed under the pump: that is how it ends.
        }

        await _server.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _server.DisposeAsync().ConfigureAwait(false);
        _directory.Delete(recursive: true);
    }

    private static async Task<Stream> UpgradeAsync(HttpClient engine, string id, CancellationToken cancellation)
    {
        using var upgrade = new HttpRequestMessage(HttpMethod.Post, "/session") { Version = HttpVersion.Version11 };
        upgrade.Headers.Connection.Add("Upgrade");
        upgrade.Headers.Upgrade.Add(new System.Net.Http.Headers.ProductHeaderValue("h2c"));
        upgrade.Headers.Add("X-Docker-Expose-Session-Uuid", id);
        upgrade.Headers.Add("X-Docker-Expose-Session-Name", "immutable");
        upgrade.Headers.Add("X-Docker-Expose-Session-Sharedkey", id);
        foreach (var method in SessionMethods.Exposed)
        {
            upgrade.Headers.Add("X-Docker-Expose-Session-Grpc-Method", method);
        }

        var response = await engine.SendAsync(upgrade, HttpCompletionOption.ResponseHeadersRead, cancellation).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.SwitchingProtocols)
        {
            var body = await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false);
            response.Dispose();
            throw new Engine.DockerEngineException(Engine.DockerFailure.Refused, $"The Docker engine refused the build session ({(int)response.StatusCode}): {body.Trim()}");
        }

        return await response.Content.ReadAsStreamAsync(cancellation).ConfigureAwait(false);
    }

    private static async Task Pump(Stream from, Stream to)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
            await to.FlushAsync().ConfigureAwait(false);
        }
    }
}
