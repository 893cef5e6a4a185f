using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Grpc.AspNetCore.Server.Model;
using Grpc.Health.V1;
using Grpc.HealthCheck;
using Immutable.Sdk.Hosting.Kestrel;
using Immutable.Sdk.Hosting.Tls;
using Immutable.Sdk.Plugin.GoPlugin;
using Immutable.Sdk.Protocol;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Immutable.Sdk.Hosting;

/// <summary>
/// Runs a provider as a go-plugin plugin: checks it was launched by Terraform, negotiates the
/// protocol, serves gRPC over a unix socket (or loopback TCP on Windows) with AutoMTLS, prints the
/// handshake line and serves until the client shuts it down.
/// </summary>
public static class PluginServer
{
    private const int MessageLimit = 256 * 1024 * 1024;

    /// <summary>The message shown when someone runs the provider binary by hand.</summary>
    public const string NotLaunchedByTerraformMessage =
        "This binary is a plugin. These are not meant to be executed directly.\n" +
        "Please execute the program that consumes these plugins, which will\n" +
        "load any plugins automatically (for a Terraform provider: run terraform init/plan/apply).\n" +
        "To debug the provider, start it with --debug and set TF_REATTACH_PROVIDERS as it prints.\n";

    /// <summary>Entry point for a provider's <c>Main</c>. Returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, PluginServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(options);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var debug = args.Contains("--debug", StringComparer.Ordinal);
        var environment = PluginEnvironment.FromProcess();
        using var stderr = Console.OpenStandardError();

        if (!debug && environment.MagicCookie != PluginEnvironment.MagicCookieValue)
        {
            await WriteAsync(stderr, NotLaunchedByTerraformMessage).ConfigureAwait(false);
            return 1;
        }

        var (version, versionError) = ProtocolNegotiation.Negotiate(debug ? null : environment.ProtocolVersions);
        if (version is null)
        {
            await WriteAsync(stderr, versionError + "\n").ConfigureAwait(false);
            return 1;
        }

        // Certificate work runs while Kestrel starts; the handshake line and the first connection wait for it.
        var tls = debug || environment.ClientCertificatePem is null
            ? null
            : Task.Run(() => AutoMtls.Create(environment.ClientCertificatePem));

        PluginAddress? address = null;
        try
        {
            address = PluginAddress.Choose(environment);
            var level = HclogLevel.FromEnvironment(options.ProviderName, Environment.GetEnvironmentVariable);
            await using var server = Build(options, address, tls, new PluginRunMode(debug), stderr, level);
            var built = clock.Elapsed;

            // SIGINT belongs to Terraform (see PluginLifetime); in debug mode it is the developer's way out.
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
            {
                context.Cancel = true;
                if (debug)
                {
                    server.Lifetime.Stop();
                }
            });
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                server.Lifetime.Stop();
            });

            await server.StartAsync().ConfigureAwait(false);
            var listening = clock.Elapsed;
            var certificate = tls is null ? null : (await tls.ConfigureAwait(false)).HandshakeCertificate;
            var certified = clock.Elapsed;
            using var stdout = Console.OpenStandardOutput();
            if (debug)
            {
                await WriteAsync(stdout, DebugInstructions(options.ProviderAddress, address)).ConfigureAwait(false);
            }
            else
            {
                var line = new HandshakeLine(HandshakeLine.GoPluginCoreVersion, version.Value, address.Network, address.Address, "grpc", certificate);
                await WriteAsync(stdout, line + "\n").ConfigureAwait(false);
            }

            server.Loggers.CreateLogger("Immutable.Sdk.Hosting.PluginServer").LogDebug(
                "Serving protocol {Version} on {Network} {Address}; start-up: host built {Built} ms, listening {Listening} ms, certificate {Certificate} ms, handshake {Handshake} ms after Main",
                version, address.Network, address.Address,
                (long)built.TotalMilliseconds, (long)listening.TotalMilliseconds, (long)certified.TotalMilliseconds, (long)clock.Elapsed.TotalMilliseconds);

            await server.WaitForShutdownAsync().ConfigureAwait(false);
            return 0;
        }
        catch (PluginStartupException ex)
        {
            await WriteAsync(stderr, "Error: " + ex.Message + "\n").ConfigureAwait(false);
            return 1;
        }
        finally
        {
            if (tls is not null && tls.IsCompletedSuccessfully)
            {
                tls.Result.Dispose();
            }

            address?.Cleanup();
        }
    }

    internal static PluginGrpcServer Build(PluginServerOptions options, PluginAddress address, Task<AutoMtls>? tls, PluginRunMode mode, Stream stderr, LogLevel level)
    {
        var loggers = new LoggerFactory(
            [new HclogLoggerProvider(stderr, level, "provider." + "terraform-provider-" + options.ProviderName, HclogLevel.ForFramework(level, Environment.GetEnvironmentVariable))],
            new LoggerFilterOptions { MinLevel = level });
        var lifetime = new PluginLifetime();
        var provider = new ProviderService(options.Provider, loggers.CreateLogger<ProviderService>());
        var controller = new GrpcControllerService(lifetime, mode);
        var stdio = new GrpcStdioService(lifetime);
        var broker = new GrpcBrokerService(lifetime);
        var health = new HealthServiceImpl();
        health.SetStatus("plugin", HealthCheckResponse.Types.ServingStatus.Serving);
        health.SetStatus(string.Empty, HealthCheckResponse.Types.ServingStatus.Serving);

        // Every RPC of the five services is registered with exact types (see ServiceMethods), and all
        // under the one service type ProviderService: Grpc.AspNetCore instantiates its generic
        // plumbing (handler factory, activator, options) per service type, which NativeAOT must
        // build at run time. The wire sees the same services and methods.
        void AddMethods(ServiceMethodProviderContext<ProviderService> context)
        {
            Protocol.V6.Provider.AddMethods(context);
            GRPCController.AddMethods(context, controller);
            GRPCStdio.AddMethods(context, stdio);
            GRPCBroker.AddMethods(context, broker);
            HealthMethods.Add(context, health);
        }

        void ConfigureKestrel(KestrelServerOptions kestrel)
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
            void Configure(ListenOptions listen)
            {
                listen.Protocols = HttpProtocols.Http2;
                if (tls is not null)
                {
                    listen.UseAutoMtls(tls, loggers.CreateLogger("Immutable.Sdk.Hosting.Tls"));
                }
            }

            if (address.Network == "unix")
            {
                kestrel.ListenUnixSocket(address.Address, Configure);
            }
            else
            {
                kestrel.Listen(IPAddress.Loopback, address.Port, Configure);
            }
        }

        try
        {
            var server = KestrelGrpcServer.Create(provider, AddMethods, loggers, grpc =>
            {
                grpc.MaxReceiveMessageSize = MessageLimit;
                grpc.MaxSendMessageSize = MessageLimit;
                grpc.EnableDetailedErrors = false;
            }, ConfigureKestrel);
            return new PluginGrpcServer(server, lifetime, provider, loggers);
        }
        catch
        {
            provider.Dispose();
            loggers.Dispose();
            throw;
        }
    }

    /// <summary>The text terraform-plugin-go prints in debug mode, with our address.</summary>
    private static string DebugInstructions(string providerAddress, PluginAddress address)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject(providerAddress);
            json.WriteString("Protocol", "grpc");
            json.WriteNumber("ProtocolVersion", ProtocolNegotiation.ServedVersion);
            json.WriteNumber("Pid", Environment.ProcessId);
            json.WriteBoolean("Test", true);
            json.WriteStartObject("Addr");
            json.WriteString("Network", address.Network);
            json.WriteString("String", address.Address);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        var reattach = Encoding.UTF8.GetString(buffer.WrittenSpan);
        return "Provider started. To attach Terraform CLI, set the TF_REATTACH_PROVIDERS environment variable with the following:\n\n" +
               $"\tTF_REATTACH_PROVIDERS='{reattach}'\n\n" +
               "Press Ctrl-C to stop the provider.\n";
    }

    private static async Task WriteAsync(Stream stream, string text)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text)).ConfigureAwait(false);
        await stream.FlushAsync().ConfigureAwait(false);
    }
}
