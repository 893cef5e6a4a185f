using System.Net.Sockets;
using Google.Protobuf;
using Grpc.Core;
using Immutable.Sdk.Docker.BuildKit.Wire;
using Microsoft.Extensions.Logging;

namespace Immutable.Sdk.Docker.BuildKit.Session;

/// <summary>
/// <c>moby.sshforward.v1.SSH</c>: forwards <c>RUN --mount=type=ssh</c> to a local SSH agent. Each
/// ForwardAgent call is one agent connection; its bytes are copied both ways unchanged.
/// </summary>
internal sealed partial class SessionService
{
    /// <summary>The metadata key BuildKit names the agent with (the mount's id, <c>default</c> when unset).</summary>
    private const string SshIdKey = "buildkit.ssh.id";

    public Task<CheckAgentResponse> CheckAgent(CheckAgentRequest call, ServerCallContext context) =>
        AgentOf(call.ID) is null
            ? throw new RpcException(new Status(StatusCode.NotFound, $"no SSH agent configured for id {IdOrDefault(call.ID)}"))
            : Task.FromResult(new CheckAgentResponse());

    public async Task ForwardAgent(IAsyncStreamReader<BytesMessage> incoming, IServerStreamWriter<BytesMessage> outgoing, ServerCallContext context)
    {
        var id = context.RequestHeaders.GetValue(SshIdKey) ?? string.Empty;
        var path = AgentOf(id) ?? throw new RpcException(new Status(StatusCode.NotFound, $"no SSH agent configured for id {IdOrDefault(id)}"));
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), context.CancellationToken).ConfigureAwait(false);
        log.LogDebug("build: forwarding SSH agent {Id}", IdOrDefault(id));
        await using var agent = new NetworkStream(socket, ownsSocket: false);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);

        var toAgent = Task.Run(async () =>
        {
            while (await incoming.MoveNext(done.Token).ConfigureAwait(false))
            {
                await agent.WriteAsync(incoming.Current.Data.Memory, done.Token).ConfigureAwait(false);
            }

            socket.Shutdown(SocketShutdown.Send);
        }, done.Token);

        var buffer = new byte[32 * 1024];
        int read;
        while ((read = await agent.ReadAsync(buffer, done.Token).ConfigureAwait(false)) > 0)
        {
            await outgoing.WriteAsync(new BytesMessage { Data = ByteString.CopyFrom(buffer, 0, read) }, done.Token).ConfigureAwait(false);
        }

        await done.CancelAsync().ConfigureAwait(false);
        try
        {
            await toAgent.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException)
        {
            // The agent closed the connection first; the daemon's side ends with the call.
        }
    }

    private static string IdOrDefault(string id) => id.Length == 0 ? "default" : id;

    private string? AgentOf(string id) => request.SshAgents.GetValueOrDefault(IdOrDefault(id));
}
