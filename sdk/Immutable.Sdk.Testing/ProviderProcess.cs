using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Immutable.Sdk.Hosting;
using Immutable.Sdk.Plugin.GoPlugin;
using V6 = Immutable.Sdk.Protocol.V6;

namespace Immutable.Sdk.Testing;

/// <summary>
/// A provider process started the way Terraform starts one: environment, handshake line on
/// stdout, AutoMTLS with a fresh client certificate, gRPC over the announced socket.
/// </summary>
public sealed class ProviderProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly X509Certificate2? _clientCertificate;
    private readonly ConcurrentQueue<string> _stderr;
    private readonly GrpcChannel _channel;

    private ProviderProcess(Process process, X509Certificate2? clientCertificate, ConcurrentQueue<string> stderr, HandshakeLine handshake, GrpcChannel channel, TimeSpan startup)
    {
        _process = process;
        _clientCertificate = clientCertificate;
        _stderr = stderr;
        Handshake = handshake;
        _channel = channel;
        StartupTime = startup;
        Provider = new V6.Provider.ProviderClient(channel);
        Controller = new GRPCController.GRPCControllerClient(channel);
        Stdio = new GRPCStdio.GRPCStdioClient(channel);
        Health = new Grpc.Health.V1.Health.HealthClient(channel);
    }

    /// <summary>The parsed handshake line.</summary>
    public HandshakeLine Handshake { get; }

    /// <summary>Time from process start to the handshake line.</summary>
    public TimeSpan StartupTime { get; }

    /// <summary>The tfplugin6 client.</summary>
    public V6.Provider.ProviderClient Provider { get; }

    /// <summary>go-plugin's controller client.</summary>
    public GRPCController.GRPCControllerClient Controller { get; }

    /// <summary>go-plugin's stdio client.</summary>
    public GRPCStdio.GRPCStdioClient Stdio { get; }

    /// <summary>The gRPC health client.</summary>
    public Grpc.Health.V1.Health.HealthClient Health { get; }

    /// <summary>Operating-system process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Every stderr line so far (hclog JSON when the provider logs properly).</summary>
    public IReadOnlyList<string> StandardError => [.. _stderr];

    /// <summary>Starts the provider and completes the handshake.</summary>
    /// <exception cref="ProviderLaunchException">The process exited, timed out or printed a bad handshake.</exception>
    public static async Task<ProviderProcess> StartAsync(ProviderLaunchOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientCertificate = options.Tls ? ClientCertificate.Create() : null;
        var start = new ProcessStartInfo(options.Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in options.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[HandshakeLine.MagicCookieKey] = options.MagicCookieOverride ?? HandshakeLine.MagicCookieValue;
        start.Environment["PLUGIN_PROTOCOL_VERSIONS"] = options.ProtocolVersions;
        start.Environment["PLUGIN_MIN_PORT"] = "10000";
        start.Environment["PLUGIN_MAX_PORT"] = "25000";
        start.Environment["PLUGIN_CLIENT_CERT"] = options.ClientCertificatePemOverride
            ?? (clientCertificate is null ? null : ClientCertificate.ToPem(clientCertificate));
        foreach (var (key, value) in options.Environment)
        {
            start.Environment[key] = value;
        }

        var stopwatch = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new ProviderLaunchException($"Could not start {options.Executable}.", []);
        var stderr = new ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                stderr.Enqueue(e.Data);
            }
        };
        process.BeginErrorReadLine();

        try
        {
            var line = await ReadHandshakeAsync(process, options.HandshakeTimeout, cancellation).ConfigureAwait(false);
            var elapsed = stopwatch.Elapsed;
            if (line is null)
            {
                await process.WaitForExitAsync(cancellation).ConfigureAwait(false);
                throw new ProviderLaunchException($"The provider exited with code {process.ExitCode} before the handshake.", [.. stderr]);
            }

            var handshake = HandshakeLine.Parse(line);
            if (handshake.CoreVersion != HandshakeLine.GoPluginCoreVersion || handshake.Protocol != "grpc")
            {
                throw new ProviderLaunchException($"Unsupported handshake '{line}'.", [.. stderr]);
            }

            var channel = CreateChannel(handshake, clientCertificate);
            return new ProviderProcess(process, clientCertificate, stderr, handshake, channel, elapsed);
        }
        catch
        {
            Kill(process);
            process.Dispose();
            clientCertificate?.Dispose();
            throw;
        }
    }

    /// <summary>The gRPC channel a go-plugin client opens for this handshake.</summary>
    public static GrpcChannel CreateChannel(HandshakeLine handshake, X509Certificate2? clientCertificate)
    {
        ArgumentNullException.ThrowIfNull(handshake);
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = false,
            ConnectCallback = async (context, token) =>
            {
                Socket socket;
                System.Net.EndPoint endpoint;
                if (handshake.Network == "unix")
                {
                    socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    endpoint = new UnixDomainSocketEndPoint(handshake.Address);
                }
                else
                {
                    socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    endpoint = System.Net.IPEndPoint.Parse(handshake.Address);
                }

                try
                {
                    await socket.ConnectAsync(endpoint, token).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };

        string scheme;
        if (clientCertificate is not null)
        {
            var serverDer = Convert.FromBase64String(Pad(handshake.ServerCertificate
                ?? throw new ProviderLaunchException("TLS was requested but the handshake carries no server certificate.", [])));
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ClientCertificates = [clientCertificate],
                // Trust exactly the certificate announced in the handshake, as go-plugin does.
                RemoteCertificateValidationCallback = (_, presented, _, _) =>
                    presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(serverDer),
            };
            scheme = "https";
        }
        else
        {
            scheme = "http";
        }

        return GrpcChannel.ForAddress($"{scheme}://localhost", new GrpcChannelOptions
        {
            HttpHandler = handler,
            MaxReceiveMessageSize = 256 * 1024 * 1024,
            MaxSendMessageSize = 256 * 1024 * 1024,
        });
    }

    /// <summary>Asks the provider to exit (GRPCController.Shutdown) and waits; kills it if it lingers.</summary>
    public async Task<int> ShutdownAsync(TimeSpan? grace = null)
    {
        if (!_process.HasExited)
        {
            try
            {
                await Controller.ShutdownAsync(new Google.Protobuf.WellKnownTypes.Empty()).ConfigureAwait(false);
            }
            catch (Grpc.Core.RpcException)
            {
                // The process may exit before the response arrives; that is a successful shutdown too.
            }

            using var timeout = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Kill(_process);
                throw new ProviderLaunchException("The provider did not exit after GRPCController.Shutdown.", StandardError);
            }
        }

        return _process.ExitCode;
    }

    /// <summary>Kills the provider at once (as Terraform does after its timeout, or a crash would).</summary>
    public void Kill() => Kill(_process);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await ShutdownAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            catch (ProviderLaunchException)
            {
            }
        }

        _channel.Dispose();
        _process.Dispose();
        _clientCertificate?.Dispose();
    }

    private static async Task<string?> ReadHandshakeAsync(Process process, TimeSpan timeout, CancellationToken cancellation)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        linked.CancelAfter(timeout);
        try
        {
            // go-plugin takes the first line on stdout as the handshake.
            return await process.StandardOutput.ReadLineAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new ProviderLaunchException($"No handshake line within {timeout.TotalSeconds:0} s.", []);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static string Pad(string base64) => base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
}
