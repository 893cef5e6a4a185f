using Immutable.Sdk.Docker.Engine.Connection;
using Immutable.Sdk.Docker.Tests.BuildContext;

namespace Immutable.Sdk.Docker.Tests.Engine;

/// <summary>
/// Which engine and transport the settings and environment pick, checked against the Docker CLI's
/// own rules; contexts are created with the real `docker context create` into a throwaway DOCKER_CONFIG.
/// </summary>
public sealed class EndpointResolverTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly TempTree _tree = new();
    private readonly Dictionary<string, string?> _environment = new();

    public EndpointResolverTests() => _environment["DOCKER_CONFIG"] = _tree.Dir("docker-config");

    public void Dispose() => _tree.Dispose();

    private EngineEndpoint Resolve(ConnectionSettings? settings = null) =>
        EndpointResolver.Resolve(settings ?? new ConnectionSettings(), name => _environment.GetValueOrDefault(name), _tree.Root, Now);

    private void CreateContext(string name, string docker)
    {
        var (code, output) = CiDocker.Run(new Dictionary<string, string> { ["DOCKER_CONFIG"] = _environment["DOCKER_CONFIG"]! }, "docker", "context", "create", name, "--docker", docker);
        Assert.True(code == 0, output);
    }

    [Fact]
    public void Nothing_set_is_the_local_socket()
    {
        var endpoint = Resolve();
        Assert.Equal(new Uri("unix:///var/run/docker.sock"), endpoint.Host);
        Assert.Equal(EngineTransportKind.Socket, endpoint.Kind);
    }

    [Fact]
    public void The_host_setting_wins_over_DOCKER_HOST_and_DOCKER_HOST_over_DOCKER_CONTEXT()
    {
        CreateContext("other", "host=tcp://10.1.1.1:2375");
        _environment["DOCKER_CONTEXT"] = "other";
        _environment["DOCKER_HOST"] = "tcp://10.2.2.2:2375";
        Assert.Equal("10.3.3.3", Resolve(new ConnectionSettings { Host = "tcp://10.3.3.3:2375" }).Host.Host);
        Assert.Equal("10.2.2.2", Resolve().Host.Host);
        _environment.Remove("DOCKER_HOST");
        var fromContext = Resolve();
        Assert.Equal("10.1.1.1", fromContext.Host.Host);
        Assert.Equal("other", fromContext.ContextName);
        Assert.Equal(EngineTransportKind.Tcp, fromContext.Kind);
    }

    [Fact]
    public void The_current_context_of_config_json_applies_and_an_explicit_context_beats_DOCKER_HOST()
    {
        CreateContext("remote", "host=ssh://deploy@build.example:2222");
        var (code, output) = CiDocker.Run(new Dictionary<string, string> { ["DOCKER_CONFIG"] = _environment["DOCKER_CONFIG"]! }, "docker", "context", "use", "remote");
        Assert.True(code == 0, output);
        Assert.Equal(EngineTransportKind.Ssh, Resolve().Kind);
        _environment["DOCKER_HOST"] = "tcp://10.2.2.2:2375";
        Assert.Equal("10.2.2.2", Resolve().Host.Host);
        var explicitContext = Resolve(new ConnectionSettings { Context = "remote" });
        Assert.Equal(new Uri("ssh://deploy@build.example:2222"), explicitContext.Host);
        var byDefault = Resolve(new ConnectionSettings { Context = "default" });
        Assert.Null(byDefault.ContextName);
        Assert.Equal("10.2.2.2", byDefault.Host.Host);
    }

    [Fact]
    public void A_context_with_TLS_files_uses_them()
    {
        CiServices.RequireTls();
        CreateContext("tls", $"host={CiServices.TlsHost},ca={CiServices.ClientCertPath}/ca.pem,cert={CiServices.ClientCertPath}/cert.pem,key={CiServices.ClientCertPath}/key.pem");
        var endpoint = Resolve(new ConnectionSettings { Context = "tls" });
        Assert.Equal(EngineTransportKind.Tls, endpoint.Kind);
        Assert.NotNull(endpoint.Tls!.ClientCertificate);
        Assert.Single(endpoint.Tls.Roots!);
        Assert.True(endpoint.Tls.VerifyServer);
    }

    [Fact]
    public void DOCKER_TLS_VERIFY_with_DOCKER_CERT_PATH_is_verified_TLS_and_DOCKER_TLS_alone_is_unverified()
    {
        CiServices.RequireTls();
        _environment["DOCKER_HOST"] = CiServices.TlsHost;
        Assert.Equal(EngineTransportKind.Tcp, Resolve().Kind);
        _environment["DOCKER_CERT_PATH"] = CiServices.ClientCertPath;
        _environment["DOCKER_TLS_VERIFY"] = "1";
        var verified = Resolve();
        Assert.Equal(EngineTransportKind.Tls, verified.Kind);
        Assert.True(verified.Tls!.VerifyServer);
        Assert.Equal("cert_path", verified.Tls.Client!.Setting);
        _environment.Remove("DOCKER_TLS_VERIFY");
        _environment["DOCKER_TLS"] = "1";
        Assert.False(Resolve().Tls!.VerifyServer);
    }

    [Fact]
    public void Unknown_contexts_conflicts_and_bad_addresses_are_errors_on_the_setting()
    {
        Assert.Equal("context", Assert.Throws<ConnectionSettingException>(() => Resolve(new ConnectionSettings { Context = "nope" })).Setting);
        Assert.Equal("context", Assert.Throws<ConnectionSettingException>(() => Resolve(new ConnectionSettings { Context = "x", Host = "tcp://a:1" })).Setting);
        var bad = Assert.Throws<ConnectionSettingException>(() => Resolve(new ConnectionSettings { Host = "ftp://x" }));
        Assert.Equal("host", bad.Setting);
        Assert.Contains("ssh://", bad.Detail, StringComparison.Ordinal);
        _environment["DOCKER_CONTEXT"] = "missing";
        Assert.Contains("DOCKER_CONTEXT", Assert.Throws<ConnectionSettingException>(() => Resolve()).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void DOCKER_TLS_VERIFY_without_a_CA_file_is_refused_as_the_CLI_refuses_it()
    {
        _environment["DOCKER_HOST"] = "tcp://127.0.0.1:2376";
        _environment["DOCKER_TLS_VERIFY"] = "1";
        _environment["DOCKER_CERT_PATH"] = _tree.Dir("empty");
        var error = Assert.Throws<ConnectionSettingException>(() => Resolve());
        Assert.Equal("cert_path", error.Setting);
        Assert.Contains("ca.pem", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_material_is_an_error_on_its_own_attribute()
    {
        CiServices.RequireTls();
        var tcp = new ConnectionSettings { Host = CiServices.TlsHost };
        Assert.Equal("ca_material", Assert.Throws<ConnectionSettingException>(() => Resolve(tcp with { CaMaterial = "not a certificate" })).Setting);
        Assert.Equal("cert_material", Assert.Throws<ConnectionSettingException>(() => Resolve(tcp with { CertMaterial = CiServices.Pem("client/cert.pem") })).Setting);
        var mismatch = Assert.Throws<ConnectionSettingException>(() => Resolve(tcp with { CertMaterial = CiServices.Pem("client/cert.pem"), KeyMaterial = CiServices.Pem("server/key.pem") }));
        Assert.Equal("cert_material", mismatch.Setting);
        Assert.DoesNotContain(CiServices.Pem("server/key.pem").Split('\n')[1], mismatch.Detail, StringComparison.Ordinal);
        Assert.Equal("cert_path", Assert.Throws<ConnectionSettingException>(() => Resolve(tcp with { CertPath = _tree["absent"] })).Setting);
    }

    [Fact]
    public void An_expired_client_certificate_is_an_error_on_cert_material()
    {
        var (certificate, key) = TestCertificates.Client(CiServices.Pem("ca.pem"), CiServices.Pem("ca-key.pem"), TimeSpan.FromSeconds(1));
        var error = Assert.Throws<ConnectionSettingException>(() => Resolve(new ConnectionSettings { Host = CiServices.TlsHost, CaMaterial = CiServices.Pem("ca.pem"), CertMaterial = certificate, KeyMaterial = key }));
        Assert.Equal("cert_material", error.Setting);
        Assert.Equal("Expired TLS client certificate", error.Summary);
    }

    [Fact]
    public void Ssh_arguments_follow_the_CLI_and_keep_the_users_options_first()
    {
        var arguments = SshCommand.Arguments(new Uri("ssh://deploy@vm.example:2222"), ["-i", "/k", "-o", "ConnectTimeout=5"]);
        Assert.Equal(["-i", "/k", "-o", "ConnectTimeout=5", "-o", "BatchMode=yes", "-T", "-l", "deploy", "-p", "2222", "--", "vm.example", "docker", "system", "dial-stdio"], arguments);
        Assert.Equal(["-o", "ConnectTimeout=30", "-o", "BatchMode=yes", "-T", "--", "vm", "docker", "--host=unix:///run/user/docker.sock", "system", "dial-stdio"], SshCommand.Arguments(new Uri("ssh://vm/run/user/docker.sock"), []));
    }
}
