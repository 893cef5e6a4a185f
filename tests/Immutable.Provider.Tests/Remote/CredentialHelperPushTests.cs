using Immutable.Cty;
using Immutable.Provider.Tests.Images;
using Immutable.Sdk.Testing;

namespace Immutable.Provider.Tests.Remote;

/// <summary>
/// A push to the authenticated registry (127.0.0.1:5001) with nothing but a credential helper: a
/// real docker-credential-NAME executable on the provider's PATH speaking the protocol, named by
/// credHelpers in a throwaway DOCKER_CONFIG; no registry_auth, no auths.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CredentialHelperPushTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("immutable-helper").FullName;
    private readonly string _helper = "immtest" + Guid.NewGuid().ToString("N")[..8];

    public Task InitializeAsync()
    {
        CiDocker.Require();
        DockerHost.CreateContext(Path.Combine(_root, "app"));
        var bin = Directory.CreateDirectory(Path.Combine(_root, "bin")).FullName;
        var script = Path.Combine(bin, $"docker-credential-{_helper}");
        File.WriteAllText(script, $$"""
            #!/bin/bash
            # The docker-credential-helpers protocol: `get`, the server URL on stdin, JSON on stdout.
            [ "$1" = get ] || { echo "unsupported: $1"; exit 1; }
            read -r server
            echo "$server" >> "{{bin}}/asked.log"
            [ "$server" = "{{CiDocker.AuthRegistry}}" ] || { echo "credentials not found in native keychain"; exit 1; }
            printf '{"ServerURL":"%s","Username":"immutable","Secret":"%s"}' "$server" "$(cat /tmp/immutable-ci/registry-auth.password)"
            """.Replace("\r", string.Empty, StringComparison.Ordinal));
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.CreateDirectory(Path.Combine(_root, "docker-config"));
        File.WriteAllText(Path.Combine(_root, "docker-config", "config.json"), "{\"credHelpers\":{\"" + CiDocker.AuthRegistry + "\":\"" + _helper + "\"}}");
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Pushes_with_only_a_credential_helper_and_never_logs_the_secret()
    {
        var password = CiDocker.AuthRegistryPassword();
        var session = await TerraformSession.StartAsync(new ProviderLaunchOptions
        {
            Executable = PublishedBinaries.Provider,
            Environment = new Dictionary<string, string?>
            {
                ["TF_LOG_PROVIDER"] = "TRACE",
                ["DOCKER_CONFIG"] = Path.Combine(_root, "docker-config"),
                ["PATH"] = Path.Combine(_root, "bin") + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
                ["IMMUTABLE_CACHE_DIR"] = Path.Combine(_root, "cache"),
            },
        });
        await using (session)
        {
            await session.ConfigureAsync(session.ProviderConfig(new Dictionary<string, CtyValue>()));
            var config = session.Config("immutable_image", new Dictionary<string, CtyValue>
            {
                ["name"] = CtyValue.String($"{CiDocker.AuthRegistry}/tests/helper{Guid.NewGuid():N}"[..40]),
                ["context"] = CtyValue.String(Path.Combine(_root, "app")),
                ["push"] = CtyValue.True,
            });
            var state = await session.ApplyAsync(await session.PlanAsync("immutable_image", null, config));
            Assert.StartsWith("sha256:", state!.Value.GetAttribute("repo_digest").AsString(), StringComparison.Ordinal);
            Assert.Contains(CiDocker.AuthRegistry, File.ReadAllLines(Path.Combine(_root, "bin", "asked.log")));
            await session.DestroyAsync("immutable_image", state);
            await session.Process.ShutdownAsync();
            Assert.DoesNotContain(session.Process.StandardError, line => line.Contains(password, StringComparison.Ordinal));
        }
    }
}
