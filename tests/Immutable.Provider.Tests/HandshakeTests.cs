using System.Diagnostics;
using Grpc.Core;
using Grpc.Health.V1;
using Immutable.Processes;
using Immutable.Sdk.Hosting;
using Immutable.Sdk.Testing;
using V6 = Immutable.Sdk.Protocol.V6;

namespace Immutable.Provider.Tests;

/// <summary>The go-plugin contract, checked against the published provider binary.</summary>
public sealed class HandshakeTests
{
    private static ProviderLaunchOptions Launch(Action<Dictionary<string, string?>>? environment = null, ProviderLaunchOptions? with = null)
    {
        var env = new Dictionary<string, string?>();
        environment?.Invoke(env);
        return (with ?? new ProviderLaunchOptions { Executable = PublishedBinaries.Provider }) with
        {
            Executable = PublishedBinaries.Provider,
            Environment = env,
        };
    }

    [Fact]
    public async Task Handshake_line_announces_protocol_6_over_a_private_unix_socket_with_a_certificate()
    {
        await using var provider = await ProviderProcess.StartAsync(Launch());
        var handshake = provider.Handshake;
        Assert.Equal(1, handshake.CoreVersion);
        Assert.Equal(6, handshake.AppVersion);
        Assert.Equal("unix", handshake.Network);
        Assert.Equal("grpc", handshake.Protocol);
        Assert.True(File.Exists(handshake.Address) || Directory.Exists(Path.GetDirectoryName(handshake.Address)));
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(Path.GetDirectoryName(handshake.Address)!);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, mode);
        }
        Assert.NotNull(handshake.ServerCertificate);
        Assert.DoesNotContain('=', handshake.ServerCertificate);
    }

    [Fact]
    public async Task Serves_health_stdio_and_shuts_down_promptly_on_request()
    {
        var provider = await ProviderProcess.StartAsync(Launch());
        await using (provider)
        {
            var health = await provider.Health.CheckAsync(new HealthCheckRequest { Service = "plugin" });
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);

            using var stdio = provider.Stdio.StreamStdio(new Google.Protobuf.WellKnownTypes.Empty());
            var socketDirectory = Path.GetDirectoryName(provider.Handshake.Address)!;

            var stopwatch = Stopwatch.StartNew();
            Assert.Equal(0, await provider.ShutdownAsync(TimeSpan.FromSeconds(5)));
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"shutdown took {stopwatch.Elapsed}");
            Assert.False(Directory.Exists(socketDirectory), "the socket directory is removed on exit");
        }
    }

    [Fact]
    public async Task A_client_with_another_certificate_is_refused()
    {
        await using var provider = await ProviderProcess.StartAsync(Launch(env => env["TF_LOG_PROVIDER"] = "WARN"));
        using var stranger = ClientCertificate.Create();
        using var channel = ProviderProcess.CreateChannel(provider.Handshake, stranger);
        var client = new V6.Provider.ProviderClient(channel);
        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.GetProviderSchemaAsync(new V6.GetProviderSchema.Types.Request()));

        // In TLS 1.3 the client certificate is checked after the client's own handshake has finished, so a
        // .NET client learns of the refusal while SocketsHttpHandler sets up HTTP/2: it reports Unavailable,
        // or Internal ("could not be established") when the connection dies before its pool hands it over.
        Assert.Contains(error.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
        await WaitUntilAsync(() => provider.StandardError.Any(l => l.Contains("not the one in PLUGIN_CLIENT_CERT", StringComparison.Ordinal)),
            "the provider logs why it refused the client");
        Assert.False(provider.HasExited, "a refused client must not bring the provider down");
        Assert.Empty((await provider.Provider.GetProviderSchemaAsync(new V6.GetProviderSchema.Types.Request())).Diagnostics);
    }

    [Fact]
    public async Task Serves_plain_h2c_when_tls_is_disabled()
    {
        await using var provider = await ProviderProcess.StartAsync(Launch(with: new ProviderLaunchOptions { Executable = PublishedBinaries.Provider, Tls = false }));
        Assert.Null(provider.Handshake.ServerCertificate);
        var schema = await provider.Provider.GetProviderSchemaAsync(new V6.GetProviderSchema.Types.Request());
        Assert.Empty(schema.Diagnostics);
    }

    [Fact]
    public async Task Honours_plugin_unix_socket_dir()
    {
        var directory = Directory.CreateTempSubdirectory("immutable-sockets").FullName;
        try
        {
            await using var provider = await ProviderProcess.StartAsync(Launch(env => env["PLUGIN_UNIX_SOCKET_DIR"] = directory));
            Assert.StartsWith(directory, provider.Handshake.Address, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Without_the_magic_cookie_it_explains_itself_and_exits_1()
    {
        var error = await Assert.ThrowsAsync<ProviderLaunchException>(() =>
            ProviderProcess.StartAsync(Launch(with: new ProviderLaunchOptions { Executable = PublishedBinaries.Provider, MagicCookieOverride = "wrong" })));
        Assert.Contains("exited with code 1", error.Message, StringComparison.Ordinal);
        Assert.Contains(error.StandardError, line => line.Contains("This binary is a plugin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_garbled_client_certificate_is_a_clear_startup_error()
    {
        var error = await Assert.ThrowsAsync<ProviderLaunchException>(() =>
            ProviderProcess.StartAsync(Launch(with: new ProviderLaunchOptions { Executable = PublishedBinaries.Provider, ClientCertificatePemOverride = "-----BEGIN CERTIFICATE-----\ngarbage\n-----END CERTIFICATE-----" })));
        Assert.Contains("exited with code 1", error.Message, StringComparison.Ordinal);
        Assert.Contains(error.StandardError, line => line.Contains("PLUGIN_CLIENT_CERT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_client_without_protocol_6_is_told_what_to_do()
    {
        var error = await Assert.ThrowsAsync<ProviderLaunchException>(() =>
            ProviderProcess.StartAsync(Launch(with: new ProviderLaunchOptions { Executable = PublishedBinaries.Provider, ProtocolVersions = "5" })));
        Assert.Contains(error.StandardError, line => line.Contains("protocol 6", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ignores_sigint_so_terraform_can_cancel_through_stop_provider()
    {
        await using var provider = await ProviderProcess.StartAsync(Launch());
        Assert.True((await ProcessRunner.RunAsync("kill", ["-INT", provider.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)])).Succeeded);

        await Task.Delay(300);
        Assert.False(provider.HasExited);
        var stop = await provider.Provider.StopProviderAsync(new V6.StopProvider.Types.Request());
        Assert.Equal(string.Empty, stop.Error);
        var schema = await provider.Provider.GetProviderSchemaAsync(new V6.GetProviderSchema.Types.Request());
        Assert.Empty(schema.Diagnostics);
    }

    [Fact]
    public async Task Logs_hclog_json_on_stderr_at_the_requested_level()
    {
        var provider = await ProviderProcess.StartAsync(Launch(env => env["TF_LOG_PROVIDER"] = "DEBUG"));
        await using (provider)
        {
            await provider.Provider.ConfigureProviderAsync(new V6.ConfigureProvider.Types.Request
            {
                TerraformVersion = "1.14.0",
                Config = Immutable.Sdk.Protocol.WireMapping.Encode(null, Immutable.Cty.CtyType.Object([("host", Immutable.Cty.CtyType.String)])),
            });
            await provider.ShutdownAsync();
        }

        var lines = provider.StandardError.Where(l => l.StartsWith('{')).ToList();
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var json = System.Text.Json.JsonDocument.Parse(line);
            Assert.True(json.RootElement.TryGetProperty("@level", out _));
            Assert.True(json.RootElement.TryGetProperty("@message", out _));
            Assert.True(json.RootElement.TryGetProperty("@timestamp", out _));
        }

        Assert.Contains(lines, l => l.Contains("1.14.0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Debug_mode_prints_reattach_settings_and_serves_without_tls()
    {
        var start = new ProcessStartInfo(PublishedBinaries.Provider, ["--debug"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        try
        {
            string? reattach = null;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (reattach is null && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                var at = line.IndexOf("TF_REATTACH_PROVIDERS='", StringComparison.Ordinal);
                if (at >= 0)
                {
                    reattach = line[(at + "TF_REATTACH_PROVIDERS='".Length)..].TrimEnd('\'');
                }
            }

            Assert.NotNull(reattach);
            using var json = System.Text.Json.JsonDocument.Parse(reattach);
            var entry = json.RootElement.GetProperty("registry.terraform.io/immutable-infra/immutable");
            Assert.Equal(6, entry.GetProperty("ProtocolVersion").GetInt32());
            Assert.True(entry.GetProperty("Test").GetBoolean());
            Assert.Equal(process.Id, entry.GetProperty("Pid").GetInt32());
            var address = entry.GetProperty("Addr");
            var handshake = new HandshakeLine(1, 6, address.GetProperty("Network").GetString()!, address.GetProperty("String").GetString()!, "grpc", null);
            using var channel = ProviderProcess.CreateChannel(handshake, null);
            var schema = await new V6.Provider.ProviderClient(channel).GetProviderSchemaAsync(new V6.GetProviderSchema.Types.Request());
            Assert.Contains("host", schema.Provider.Block.Attributes.Select(a => a.Name));
        }
        finally
        {
            process.Kill();
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "timed out waiting until " + what);
            await Task.Delay(50);
        }
    }
}
