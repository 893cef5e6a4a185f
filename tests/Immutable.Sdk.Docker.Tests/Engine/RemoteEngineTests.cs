using Immutable.Sdk.Docker.Engine;
using Immutable.Sdk.Docker.Engine.Connection;

namespace Immutable.Sdk.Docker.Tests.Engine;

/// <summary>
/// The real CI engine reached over TLS (socat with client-certificate verification in front of its
/// socket) and over ssh (Debian's sshd running `docker system dial-stdio`), and what the user is
/// told when the certificates or the login are wrong.
/// </summary>
public sealed class RemoteEngineTests
{
    private static EngineEndpoint Resolve(ConnectionSettings settings, Dictionary<string, string?>? environment = null) =>
        EndpointResolver.Resolve(settings, name => environment?.GetValueOrDefault(name), "/nonexistent-home", DateTimeOffset.UtcNow);

    private static async Task<string> PingAsync(EngineEndpoint endpoint)
    {
        using var engine = DockerEngine.Connect(endpoint);
        return (await engine.PingAsync(CancellationToken.None)).Version;
    }

    private static async Task<DockerEngineException> FailsAsync(EngineEndpoint endpoint)
    {
        var error = await Assert.ThrowsAsync<DockerEngineException>(() => PingAsync(endpoint));
        Assert.Equal(DockerFailure.Unreachable, error.Failure);
        return error;
    }

    [Fact]
    public async Task Tls_with_DOCKER_CERT_PATH_and_DOCKER_TLS_VERIFY_reaches_the_engine()
    {
        CiServices.RequireTls();
        var endpoint = Resolve(new ConnectionSettings(), new() { ["DOCKER_HOST"] = CiServices.TlsHost, ["DOCKER_TLS_VERIFY"] = "1", ["DOCKER_CERT_PATH"] = CiServices.ClientCertPath });
        Assert.Equal(EngineTransportKind.Tls, endpoint.Kind);
        Assert.NotEmpty(await PingAsync(endpoint));
    }

    [Fact]
    public async Task Tls_with_PEM_material_reaches_the_engine()
    {
        CiServices.RequireTls();
        var endpoint = Resolve(new ConnectionSettings
        {
            Host = CiServices.TlsHost,
            CaMaterial = CiServices.Pem("ca.pem"),
            CertMaterial = CiServices.Pem("client/cert.pem"),
            KeyMaterial = CiServices.Pem("client/key.pem"),
        });
        Assert.NotEmpty(await PingAsync(endpoint));
    }

    [Fact]
    public async Task An_engine_certificate_from_another_CA_is_refused_naming_the_CA_setting()
    {
        CiServices.RequireTls();
        var error = await FailsAsync(Resolve(new ConnectionSettings
        {
            Host = CiServices.TlsHost,
            CaMaterial = TestCertificates.StrangerCa().Certificate,
            CertMaterial = CiServices.Pem("client/cert.pem"),
            KeyMaterial = CiServices.Pem("client/key.pem"),
        }));
        Assert.Contains("not signed by the CA from ca_material", error.Message, StringComparison.Ordinal);
        Assert.Contains("ca_material", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_client_certificate_the_engine_refuses_and_the_hint_says_which_settings_give_one()
    {
        CiServices.RequireTls();
        var error = await FailsAsync(Resolve(new ConnectionSettings { Host = CiServices.TlsHost, CaMaterial = CiServices.Pem("ca.pem") }));
        Assert.Contains("TLS connection failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("No client certificate was presented", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_certificate_the_test_issues_from_the_CI_CA_is_accepted_and_one_from_a_stranger_CA_is_refused()
    {
        CiServices.RequireTls();
        var (certificate, key) = TestCertificates.Client(CiServices.Pem("ca.pem"), CiServices.Pem("ca-key.pem"), TimeSpan.FromDays(2));
        var settings = new ConnectionSettings { Host = CiServices.TlsHost, CaMaterial = CiServices.Pem("ca.pem"), CertMaterial = certificate, KeyMaterial = key };
        Assert.NotEmpty(await PingAsync(Resolve(settings)));

        var (strangerCa, strangerKey) = TestCertificates.StrangerCa();
        var (foreign, foreignKey) = TestCertificates.Client(strangerCa, strangerKey, TimeSpan.FromDays(2));
        var error = await FailsAsync(Resolve(settings with { CertMaterial = foreign, KeyMaterial = foreignKey }));
        Assert.Contains("did not accept the client certificate from cert_material", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ssh_runs_dial_stdio_on_the_remote_and_reaches_the_engine()
    {
        var endpoint = Resolve(new ConnectionSettings { Host = CiServices.SshHost, SshOptions = CiServices.SshOptions() });
        Assert.Equal(EngineTransportKind.Ssh, endpoint.Kind);
        Assert.NotEmpty(await PingAsync(endpoint));
    }

    [Fact]
    public async Task A_refused_ssh_login_shows_ssh_s_own_words()
    {
        var options = CiServices.SshOptions().ToList();
        options[options.IndexOf("-i") + 1] = "/nonexistent/key";
        var error = await FailsAsync(Resolve(new ConnectionSettings { Host = CiServices.SshHost, SshOptions = options }));
        Assert.Contains("ssh exited with code 255", error.Message, StringComparison.Ordinal);
        Assert.Contains("Permission denied", error.Message, StringComparison.Ordinal);
        Assert.Contains("ssh_opts", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_tcp_engine_is_a_diagnostic_not_a_hang()
    {
        var error = await FailsAsync(Resolve(new ConnectionSettings { Host = "tcp://127.0.0.1:18599" }));
        Assert.Contains("127.0.0.1:18599", error.Message, StringComparison.Ordinal);
        Assert.Contains("the provider's host", error.Message, StringComparison.Ordinal);
    }
}
