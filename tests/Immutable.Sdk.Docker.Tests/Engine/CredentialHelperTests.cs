using System.Text;
using Immutable.Sdk.Docker.Engine;
using Immutable.Sdk.Docker.Engine.Credentials;
using Immutable.Sdk.Docker.Tests.BuildContext;

namespace Immutable.Sdk.Docker.Tests.Engine;

/// <summary>
/// Real credential helpers: small executables named docker-credential-NAME on PATH, speaking the
/// docker-credential-helpers protocol (`get`, server URL on stdin, JSON on stdout), found through a
/// real config.json in a throwaway DOCKER_CONFIG.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CredentialHelperTests : IDisposable
{
    private readonly TempTree _tree = new();
    private readonly string _name = "imm" + Guid.NewGuid().ToString("N")[..10];

    public CredentialHelperTests()
    {
        // Prepending a directory only adds programs with unique names, so other tests in this process are unaffected.
        var bin = _tree.Dir("bin");
        Environment.SetEnvironmentVariable("PATH", bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"));
        WriteHelper(_name, """
            read -r server
            echo "$1 $server" >> "$(dirname "$0")/calls.log"
            case "$server" in
              127.0.0.1:5001) printf '{"ServerURL":"%s","Username":"immutable","Secret":"helper-secret"}' "$server" ;;
              https://index.docker.io/v1/) printf '{"ServerURL":"%s","Username":"<token>","Secret":"hub-token"}' "$server" ;;
              broken.example) echo "keychain locked" ; exit 3 ;;
              *) echo "credentials not found in native keychain" ; exit 1 ;;
            esac
            """);
    }

    public void Dispose() => _tree.Dispose();

    private void WriteHelper(string name, string body)
    {
        var path = _tree.File($"bin/docker-credential-{name}", "#!/bin/bash\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private DockerConfigCredentials Load(string configJson)
    {
        _tree.File("docker-config/config.json", configJson);
        return new DockerConfigCredentials(DockerCliConfig.Load(_tree["docker-config"], "/nonexistent"));
    }

    private static string Basic(string userAndSecret) => Convert.ToBase64String(Encoding.UTF8.GetBytes(userAndSecret));

    private string[] Calls() => File.Exists(_tree["bin/calls.log"]) ? File.ReadAllLines(_tree["bin/calls.log"]) : [];

    [Fact]
    public void A_registry_s_own_helper_answers_with_the_protocol_and_is_asked_once()
    {
        var credentials = Load("{\"credHelpers\":{\"127.0.0.1:5001\":\"" + _name + "\"},\"auths\":{\"127.0.0.1:5001\":{\"auth\":\"" + Basic("file:file-secret") + "\"}}}");
        var found = credentials.For("127.0.0.1:5001");
        Assert.Equal(("immutable", "helper-secret", "127.0.0.1:5001"), (found!.Username, found.Password, found.ServerAddress));
        credentials.For("127.0.0.1:5001");
        Assert.Equal(["get 127.0.0.1:5001"], Calls());
        Assert.DoesNotContain("helper-secret", found.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_store_for_all_registries_answers_Docker_Hub_under_the_CLI_s_key_with_an_identity_token()
    {
        var hub = Load($$$"""{"credsStore":"{{{_name}}}"}""").For("docker.io");
        Assert.True(hub!.IsIdentityToken);
        Assert.Equal("hub-token", hub.Password);
        Assert.Equal(["get https://index.docker.io/v1/"], Calls());
    }

    [Fact]
    public void A_helper_that_holds_nothing_falls_back_to_auths_and_then_to_none()
    {
        var credentials = Load("{\"credsStore\":\"" + _name + "\",\"auths\":{\"https://other.example/v2/\":{\"auth\":\"" + Basic("u:file-secret") + "\"}}}");
        Assert.Equal("file-secret", credentials.For("other.example")!.Password);
        Assert.Null(credentials.For("nothing.example"));
    }

    [Fact]
    public void A_failing_or_missing_helper_is_an_error_naming_it()
    {
        var failing = Assert.Throws<CredentialHelperException>(() => Load($$$"""{"credsStore":"{{{_name}}}"}""").For("broken.example"));
        Assert.Contains($"docker-credential-{_name} failed for broken.example (exit code 3): keychain locked", failing.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<CredentialHelperException>(() => Load("""{"credHelpers":{"ghcr.io":"absent-helper-x"}}""").For("ghcr.io"));
        Assert.Contains("docker-credential-absent-helper-x cannot be run", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_that_is_not_the_protocol_s_JSON_is_refused_without_echoing_it()
    {
        WriteHelper(_name + "x", "echo 'user=someone secret=plain-leak'");
        var error = Assert.Throws<CredentialHelperException>(() => Load($$$"""{"credsStore":"{{{_name}}}x"}""").For("127.0.0.1:5001"));
        Assert.DoesNotContain("plain-leak", error.Message, StringComparison.Ordinal);
    }
}
