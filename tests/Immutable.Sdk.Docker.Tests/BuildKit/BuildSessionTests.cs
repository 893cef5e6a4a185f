using System.Security.Cryptography;
using System.Text;
using Immutable.Sdk.Docker.BuildKit;
using Immutable.Sdk.Docker.Engine;
using Immutable.Sdk.Docker.Tests.BuildContext;

namespace Immutable.Sdk.Docker.Tests.BuildKit;

/// <summary>
/// What the daemon asks for through the build session, against the real engine: secrets (whose
/// bytes must end up nowhere), registry credentials for a private base image, an SSH agent.
/// </summary>
public sealed class BuildSessionTests : IDisposable
{
    private readonly TempTree _tree = new();
    private readonly string _tag = "immutable-bk-test/session:" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<string> _images = [];
    private readonly BuildKitBuilder _builder = new(TestEngine.Endpoint);

    public BuildSessionTests()
    {
        CiDocker.Require();
        _images.Add(_tag);
    }

    [Fact]
    public async Task Secrets_from_a_file_and_an_environment_variable_are_read_by_the_build_and_appear_nowhere()
    {
        var fileSecret = "file-secret-" + Guid.NewGuid().ToString("N");
        var envSecret = "env-secret-" + Guid.NewGuid().ToString("N");
        var variable = "IMMUTABLE_TEST_SECRET_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(variable, envSecret);
        var secretFile = _tree.File("outside-the-context/token", fileSecret);
        // BuildKit's cache key leaves secret values out (a rotated secret reuses the layer), so the
        // step is made unique to this run to make it read this run's secrets.
        var context = TestEngine.Context(_tree.Dir("ctx"), $"""
            FROM scratch
            BUSYBOX
            RUN --mount=type=secret,id=token --mount=type=secret,id=api_key echo {Guid.NewGuid():N} > /run-id && sha256sum /run/secrets/token /run/secrets/api_key | cut -d' ' -f1 > /proof
            """);
        var log = new CapturingLogger();

        await _builder.BuildAsync(await TestEngine.TarAsync(context), Request() with
        {
            Secrets = new Dictionary<string, BuildSecret>
            {
                ["token"] = BuildSecret.FromFile(secretFile),
                ["api_key"] = BuildSecret.FromEnvironment(variable),
            },
        }, null, log, CancellationToken.None);

        // The step saw both secrets: their hashes are in the image, the secrets themselves are not.
        Assert.Equal(Sha256(fileSecret) + "\n" + Sha256(envSecret), TestEngine.RunInImage(_tag, "cat", "/proof"));
        var save = _tree["image.tar"];
        Assert.Equal(0, CiDocker.Run("docker", "save", "-o", save, _tag).Code);
        var saved = File.ReadAllBytes(save);
        foreach (var secret in new[] { fileSecret, envSecret })
        {
            Assert.DoesNotContain(secret, log.Text(), StringComparison.Ordinal);
            Assert.DoesNotContain(secret, CiDocker.Run("docker", "history", "--no-trunc", _tag).Output, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, CiDocker.Run("docker", "image", "inspect", _tag).Output, StringComparison.Ordinal);
            Assert.Equal(-1, saved.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
        }

        Environment.SetEnvironmentVariable(variable, null);
    }

    [Fact]
    public async Task A_secret_the_build_needs_but_was_not_given_fails_the_step_naming_the_secret()
    {
        var context = TestEngine.Context(_tree.Dir("ctx"), "FROM scratch\nBUSYBOX\nRUN --mount=type=secret,id=missing,required=true cat /run/secrets/missing\n");

        var failure = await Assert.ThrowsAsync<DockerEngineException>(async () => await _builder.BuildAsync(await TestEngine.TarAsync(context), Request() with
        {
            Secrets = new Dictionary<string, BuildSecret> { ["other"] = BuildSecret.FromValue("x"u8) },
        }, null, new CapturingLogger(), CancellationToken.None));

        Assert.Contains("missing", failure.Message, StringComparison.Ordinal);
        Assert.Contains("[3/3] RUN --mount=type=secret", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_file_that_does_not_exist_is_refused_before_the_build_starts()
    {
        var context = TestEngine.Context(_tree.Dir("ctx"), "FROM scratch\nBUSYBOX\n");

        var failure = await Assert.ThrowsAsync<DockerEngineException>(async () => await _builder.BuildAsync(await TestEngine.TarAsync(context), Request() with
        {
            Secrets = new Dictionary<string, BuildSecret> { ["token"] = BuildSecret.FromFile(_tree["nope"]) },
        }, null, new CapturingLogger(), CancellationToken.None));

        Assert.Contains("build secret token", failure.Message, StringComparison.Ordinal);
        Assert.Contains(_tree["nope"], failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_private_base_image_is_pulled_with_the_credentials_the_session_answers()
    {
        var pinned = PushPrivateBase();
        var context = TestEngine.Context(_tree.Dir("ctx"), $"FROM {pinned}\nRUN echo built-on-private-base > /built\n");

        var anonymous = await Assert.ThrowsAsync<DockerEngineException>(async () =>
            await _builder.BuildAsync(await TestEngine.TarAsync(context), Request(), _ => null, new CapturingLogger(), CancellationToken.None));
        Assert.Contains(CiDocker.AuthRegistry, anonymous.Message, StringComparison.Ordinal);

        var asked = new List<string>();
        await _builder.BuildAsync(await TestEngine.TarAsync(context), Request(), host =>
        {
            lock (asked)
            {
                asked.Add(host);
            }

            return host == CiDocker.AuthRegistry ? new RegistryCredentials(host, "immutable", CiDocker.AuthRegistryPassword()) : null;
        }, new CapturingLogger(), CancellationToken.None);

        Assert.Contains(CiDocker.AuthRegistry, asked);
        Assert.Equal("built-on-private-base", TestEngine.RunInImage(_tag, "cat", "/built"));
        Assert.Equal("private-base", TestEngine.RunInImage(_tag, "cat", "/base"));
    }

    [Fact]
    public async Task An_ssh_mount_gets_the_forwarded_agent_socket()
    {
        var socket = Path.Combine(_tree.Dir("agent"), "agent.sock");
        var (code, output) = CiDocker.Run("ssh-agent", "-a", socket);
        Assert.True(code == 0, output);
        var pid = System.Text.RegularExpressions.Regex.Match(output, @"SSH_AGENT_PID=(\d+)").Groups[1].Value;
        try
        {
            var context = TestEngine.Context(_tree.Dir("ctx"), "FROM scratch\nBUSYBOX\nRUN --mount=type=ssh test -S \"$SSH_AUTH_SOCK\" && echo agent-socket-present > /ssh\n");

            await _builder.BuildAsync(await TestEngine.TarAsync(context), Request() with
            {
                SshAgents = new Dictionary<string, string> { ["default"] = socket },
            }, null, new CapturingLogger(), CancellationToken.None);

            Assert.Equal("agent-socket-present", TestEngine.RunInImage(_tag, "cat", "/ssh"));
        }
        finally
        {
            CiDocker.Run("kill", pid);
        }
    }

    public void Dispose()
    {
        TestEngine.RemoveImages([.. _images]);
        _builder.Dispose();
        _tree.Dispose();
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Pushes a small base image to the authenticated registry and removes it locally; returns its pinned reference.</summary>
    private string PushPrivateBase()
    {
        var image = $"{CiDocker.AuthRegistry}/immutable-bk-test/base:{Guid.NewGuid().ToString("N")[..12]}";
        var context = TestEngine.Context(_tree.Dir("base"), "FROM scratch\nBUSYBOX\nRUN echo private-base > /base\n");
        var config = new Dictionary<string, string> { ["DOCKER_CONFIG"] = _tree.Dir("docker-config"), ["DOCKER_BUILDKIT"] = "0" };
        Check(CiDocker.Run(config, "docker", "build", "-q", "-t", image, context));
        Check(CiDocker.Run(config, "sh", "-c", $"docker login -u immutable --password-stdin {CiDocker.AuthRegistry} < /tmp/immutable-ci/registry-auth.password"));
        Check(CiDocker.Run(config, "docker", "push", image));
        var digest = CiDocker.Run("docker", "image", "inspect", "--format", "{{index .RepoDigests 0}}", image);
        Check(digest);
        TestEngine.RemoveImages(image, digest.Output);
        return digest.Output;
    }

    private static void Check((int Code, string Output) result) => Assert.True(result.Code == 0, result.Output);

    private BuildRequest Request() => new() { Dockerfile = "Dockerfile", Tags = [_tag] };
}
