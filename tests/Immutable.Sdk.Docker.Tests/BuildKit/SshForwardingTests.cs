using System.Net.Sockets;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Immutable.Sdk.Docker.BuildKit;
using Immutable.Sdk.Docker.BuildKit.Session;
using Immutable.Sdk.Docker.BuildKit.Wire;
using Immutable.Sdk.Docker.Engine;
using Immutable.Sdk.Docker.Tests.BuildContext;
using Microsoft.Extensions.Logging.Abstractions;

namespace Immutable.Sdk.Docker.Tests.BuildKit;

/// <summary>
/// SSH agent forwarding byte for byte: a real ssh-agent behind the real session server. The
/// daemon's side is played by a gRPC client here, because a FROM-scratch busybox image has no
/// agent client to drive the daemon with (BuildSessionTests checks the daemon mounts the socket).
/// </summary>
public sealed class SshForwardingTests : IDisposable
{
    private readonly TempTree _tree = new();

    [Fact]
    public async Task ForwardAgent_carries_an_agent_request_and_its_answer()
    {
        var agentSocket = Path.Combine(_tree.Dir("agent"), "agent.sock");
        var (code, output) = CiDocker.Run("ssh-agent", "-a", agentSocket);
        Assert.True(code == 0, output);
        var pid = System.Text.RegularExpressions.Regex.Match(output, @"SSH_AGENT_PID=(\d+)").Groups[1].Value;
        try
        {
            var key = Path.Combine(_tree.Dir("keys"), "id");
            Assert.Equal(0, CiDocker.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", string.Empty, "-f", key).Code);
            Assert.Equal(0, CiDocker.Run(new Dictionary<string, string> { ["SSH_AUTH_SOCK"] = agentSocket }, "ssh-add", "-q", key).Code);

            var serverSocket = Path.Combine(_tree.Dir("session"), "s.sock");
            var request = new BuildRequest { Dockerfile = "Dockerfile", Tags = [], SshAgents = new Dictionary<string, string> { ["default"] = agentSocket } };
            await using var server = await SessionServer.StartAsync(serverSocket, new SessionService(request, null, NullLogger.Instance), CancellationToken.None);
            using var channel = GrpcChannel.ForAddress("http://session", new GrpcChannelOptions { HttpHandler = UnixHandler(serverSocket) });

            using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(SessionMethods.ForwardAgent, null, new CallOptions(new Metadata { { "buildkit.ssh.id", "default" } }));
            // SSH_AGENTC_REQUEST_IDENTITIES (11), length-prefixed as the agent protocol frames it.
            await call.RequestStream.WriteAsync(new BytesMessage { Data = ByteString.CopyFrom(0, 0, 0, 1, 11) });
            var answer = new List<byte>();
            while (answer.Count < 9 && await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                answer.AddRange(call.ResponseStream.Current.Data);
            }

            await call.RequestStream.CompleteAsync();
            Assert.Equal(12, answer[4]); // SSH_AGENT_IDENTITIES_ANSWER
            Assert.Equal(1, (answer[5] << 24) | (answer[6] << 16) | (answer[7] << 8) | answer[8]); // one key
        }
        finally
        {
            CiDocker.Run("kill", pid);
        }
    }

    public void Dispose() => _tree.Dispose();

    private static SocketsHttpHandler UnixHandler(string path) => new()
    {
        ConnectCallback = async (_, cancellation) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellation);
            return new NetworkStream(socket, ownsSocket: true);
        },
    };
}
