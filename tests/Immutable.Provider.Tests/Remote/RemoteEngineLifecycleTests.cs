using Immutable.Cty;
using Immutable.Provider.Tests.Images;
using Immutable.Provider.Tests.Rollouts;
using Immutable.Sdk.Testing;

namespace Immutable.Provider.Tests.Remote;

/// <summary>
/// Image and rollout lifecycles through the published provider with the engine reached over TLS
/// (certificates from cert_path) and over ssh (ssh_opts), and what the user sees when the
/// certificates are wrong or the engine is not there.
/// </summary>
public sealed class RemoteEngineLifecycleTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("immutable-remote").FullName;
    private readonly string _repository = $"{CiDocker.Registry}/tests/remote{Guid.NewGuid():N}"[..48];
    private readonly string _service = "r" + Guid.NewGuid().ToString("N")[..10];

    public Task InitializeAsync()
    {
        CiDocker.Require();
        RemoteEngines.RequireTls();
        DockerHost.CreateContext(Path.Combine(_root, "app"));
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        RolloutHost.Purge(_service);
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    private async Task<TerraformSession> StartAsync(Dictionary<string, CtyValue> provider, Dictionary<string, string?>? environment = null)
    {
        var variables = new Dictionary<string, string?>
        {
            ["IMMUTABLE_CACHE_DIR"] = Path.Combine(_root, "cache"),
            ["DOCKER_CONFIG"] = Path.Combine(_root, "docker-config"),
            ["DOCKER_HOST"] = null,
            ["DOCKER_CONTEXT"] = null,
            ["DOCKER_TLS_VERIFY"] = null,
            ["DOCKER_CERT_PATH"] = null,
            ["TF_LOG_PROVIDER"] = "INFO",
        };
        foreach (var (name, value) in environment ?? [])
        {
            variables[name] = value;
        }

        var session = await TerraformSession.StartAsync(new ProviderLaunchOptions { Executable = PublishedBinaries.Provider, Environment = variables });
        provider["proxy_image"] = CtyValue.String(RolloutHost.HaproxyImage);
        await session.ConfigureAsync(session.ProviderConfig(provider));
        return session;
    }

    // sshd -e logs each accepted login; the count only grows.
    private static int SshLogins() => File.ReadLines("/tmp/immutable-ci/sshd.log").Count(l => l.Contains("Accepted publickey for root", StringComparison.Ordinal));

    private static Dictionary<string, CtyValue> Tls() => new()
    {
        ["host"] = CtyValue.String(RemoteEngines.TlsHost),
        ["cert_path"] = CtyValue.String(RemoteEngines.CertPath),
    };

    private static Dictionary<string, CtyValue> Ssh() => new()
    {
        ["host"] = CtyValue.String(RemoteEngines.SshHost),
        ["ssh_opts"] = CtyValue.List(CtyType.String, [.. RemoteEngines.SshOptions().Select(CtyValue.String)]),
    };

    private Dictionary<string, CtyValue> Image(string version) => new()
    {
        ["name"] = CtyValue.String(_repository),
        ["context"] = CtyValue.String(Path.Combine(_root, "app")),
        ["push"] = CtyValue.True,
        ["build_args"] = CtyValue.Map(CtyType.String, new Dictionary<string, CtyValue> { ["VERSION"] = CtyValue.String(version) }),
    };

    private async Task ImageAndRolloutLifecycleAsync(TerraformSession session, Dictionary<string, CtyValue> provider)
    {
        var steps = await LifecycleRunner.RunAsync(session, new LifecycleScenario
        {
            // The runner configures the provider again: with the same remote engine settings.
            ProviderConfig = provider,
            TypeName = "immutable_image",
            Initial = Image("1"),
            Changed = Image("2"),
            ExpectedReplacePaths = [CtyPath.Root.GetAttr("build_args"), CtyPath.Root.GetAttr("context_digest")],
            ImportId = state => state.Value.GetAttribute("reference").AsString(),
        });
        Assert.Equal(14, steps.Count);

        var app = RolloutHost.BuildApp(_root, "v1");
        var port = RolloutHost.FreePort();
        var config = new RolloutConfig { Name = _service, Image = app, HostPort = port }.Build(session);
        var plan = await session.PlanAsync("immutable_rollout", null, config);
        var state = (await session.ApplyAsync(plan))!;
        Assert.Equal("serving", state.Value.GetAttribute("status").AsString());
        using (var http = new HttpClient())
        {
            Assert.Equal("v1", (await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/"))).Trim());
        }

        Assert.Equal("serving", (await session.RefreshAsync("immutable_rollout", state))!.Value.GetAttribute("status").AsString());
        await session.DestroyAsync("immutable_rollout", state);
        Assert.Empty(RolloutHost.Containers(_service));
    }

    [Fact]
    public async Task Image_and_rollout_lifecycles_over_TLS_with_cert_path()
    {
        var provider = Tls();
        await using var session = await StartAsync(provider);
        await ImageAndRolloutLifecycleAsync(session, provider);
        Assert.Contains(session.Process.StandardError, line => line.Contains("Docker engine: tcp://127.0.0.1:2376/ (TLS), from the provider", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Image_and_rollout_lifecycles_over_ssh_with_ssh_opts()
    {
        var provider = Ssh();
        var loginsBefore = SshLogins();
        await using var session = await StartAsync(provider);
        await ImageAndRolloutLifecycleAsync(session, provider);
        Assert.Contains(session.Process.StandardError, line => line.Contains("Docker engine: ssh://root@127.0.0.1:18522/, from the provider", StringComparison.Ordinal));
        Assert.True(SshLogins() > loginsBefore, "the CI sshd logged no new login");
    }

    [Fact]
    public async Task DOCKER_HOST_DOCKER_TLS_VERIFY_and_DOCKER_CERT_PATH_alone_reach_the_TLS_engine()
    {
        await using var session = await StartAsync([], new() { ["DOCKER_HOST"] = RemoteEngines.TlsHost, ["DOCKER_TLS_VERIFY"] = "1", ["DOCKER_CERT_PATH"] = RemoteEngines.CertPath });
        var plan = await session.PlanAsync("immutable_image", null, session.Config("immutable_image", Image("1")));
        var state = await session.ApplyAsync(plan);
        await session.DestroyAsync("immutable_image", state!);
    }

    [Fact]
    public async Task A_Docker_context_made_by_docker_context_create_is_used_with_its_TLS_files()
    {
        var cli = new Dictionary<string, string> { ["DOCKER_CONFIG"] = Path.Combine(_root, "docker-config") };
        var files = RemoteEngines.CertPath;
        var (code, output) = CiDocker.Run(cli, "docker", "context", "create", "ci-tls", "--docker", $"host={RemoteEngines.TlsHost},ca={files}/ca.pem,cert={files}/cert.pem,key={files}/key.pem");
        Assert.True(code == 0, output);
        Assert.Equal(0, CiDocker.Run(cli, "docker", "context", "use", "ci-tls").Code);
        await using var session = await StartAsync([]);
        var state = await session.ApplyAsync(await session.PlanAsync("immutable_image", null, session.Config("immutable_image", Image("1"))));
        await session.DestroyAsync("immutable_image", state!);
    }

    [Fact]
    public async Task A_CA_that_did_not_sign_the_engine_is_a_diagnostic_naming_ca_material()
    {
        var stranger = File.ReadAllText(Path.Combine(RemoteEngines.CertPath, "cert.pem")); // a client certificate is no CA of the server's chain
        await using var session = await StartAsync(new() { ["host"] = CtyValue.String(RemoteEngines.TlsHost), ["cert_path"] = CtyValue.String(RemoteEngines.CertPath), ["ca_material"] = CtyValue.String(stranger) });
        var plan = await session.PlanAsync("immutable_image", null, session.Config("immutable_image", Image("1")));
        var error = await Assert.ThrowsAsync<TerraformDiagnosticsException>(() => session.ApplyAsync(plan));
        Assert.Contains(error.Errors, e => e.Contains("Docker engine unreachable", StringComparison.Ordinal) && e.Contains("not signed by the CA from ca_material", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unreadable_material_and_an_unknown_context_are_diagnostics_on_their_attributes()
    {
        var session = await TerraformSession.StartAsync(new ProviderLaunchOptions { Executable = PublishedBinaries.Provider, Environment = new Dictionary<string, string?> { ["DOCKER_CONFIG"] = Path.Combine(_root, "docker-config") } });
        await using (session)
        {
            var badCa = await Assert.ThrowsAsync<TerraformDiagnosticsException>(() => session.ConfigureAsync(session.ProviderConfig(new Dictionary<string, CtyValue>
            {
                ["host"] = CtyValue.String(RemoteEngines.TlsHost),
                ["ca_material"] = CtyValue.String("not a certificate"),
            })));
            Assert.Contains(badCa.Errors, e => e.StartsWith("Error: Invalid CA certificate", StringComparison.Ordinal) && e.EndsWith("(at ca_material)", StringComparison.Ordinal));
        }

        session = await TerraformSession.StartAsync(new ProviderLaunchOptions { Executable = PublishedBinaries.Provider, Environment = new Dictionary<string, string?> { ["DOCKER_CONFIG"] = Path.Combine(_root, "docker-config") } });
        await using (session)
        {
            var unknown = await Assert.ThrowsAsync<TerraformDiagnosticsException>(() => session.ConfigureAsync(session.ProviderConfig(new Dictionary<string, CtyValue> { ["context"] = CtyValue.String("nowhere") })));
            Assert.Contains(unknown.Errors, e => e.StartsWith("Error: Unknown Docker context", StringComparison.Ordinal) && e.EndsWith("(at context)", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task An_unreachable_ssh_host_shows_ssh_s_words_and_creates_nothing()
    {
        var options = RemoteEngines.SshOptions().ToList();
        await using var session = await StartAsync(new()
        {
            ["host"] = CtyValue.String("ssh://root@127.0.0.1:18599"),
            ["ssh_opts"] = CtyValue.List(CtyType.String, [.. options.Select(CtyValue.String)]),
        });
        var plan = await session.PlanAsync("immutable_image", null, session.Config("immutable_image", Image("1")));
        var error = await Assert.ThrowsAsync<TerraformDiagnosticsException>(() => session.ApplyAsync(plan));
        Assert.Contains(error.Errors, e => e.Contains("Docker engine unreachable", StringComparison.Ordinal) && e.Contains("ssh exited with code 255", StringComparison.Ordinal) && e.Contains("Connection refused", StringComparison.Ordinal));
    }
}
