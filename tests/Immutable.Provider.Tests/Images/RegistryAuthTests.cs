using Immutable.Cty;
using Immutable.Sdk.Testing;

namespace Immutable.Provider.Tests.Images;

/// <summary>Pushing to a registry that requires a login (127.0.0.1:5001, started by .ci/services.sh).</summary>
public sealed class RegistryAuthTests : IAsyncLifetime
{
    private const string Type = "immutable_image";
    private const string Registry = CiDocker.AuthRegistry;
    private readonly string _root = Directory.CreateTempSubdirectory("immutable-auth").FullName;

    public Task InitializeAsync()
    {
        CiDocker.Require();
        DockerHost.CreateContext(Path.Combine(_root, "app"));
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    private async Task<(TerraformSession Session, CtyValue Config)> StartAsync(string password)
    {
        var session = await TerraformSession.StartAsync(new ProviderLaunchOptions
        {
            Executable = PublishedBinaries.Provider,
            Environment = new Dictionary<string, string?>
            {
                ["TF_LOG_PROVIDER"] = "TRACE",
                ["DOCKER_CONFIG"] = Path.Combine(_root, "no-docker-config"),
                ["IMMUTABLE_CACHE_DIR"] = Path.Combine(_root, "cache"),
            },
        });
        var authType = ((CtyListType)session.ProviderSchema.Find("registry_auth")!.Type).ElementType;
        var credentials = CtyValue.Object(new Dictionary<string, CtyValue>
        {
            ["address"] = CtyValue.String(Registry),
            ["username"] = CtyValue.String("immutable"),
            ["password"] = CtyValue.String(password),
        });
        await session.ConfigureAsync(session.ProviderConfig(new Dictionary<string, CtyValue> { ["registry_auth"] = CtyValue.List(authType, credentials) }));
        var config = session.Config(Type, new Dictionary<string, CtyValue>
        {
            ["name"] = CtyValue.String($"{Registry}/tests/private{Guid.NewGuid():N}"[..40]),
            ["context"] = CtyValue.String(Path.Combine(_root, "app")),
            ["push"] = CtyValue.True,
        });
        return (session, config);
    }

    [Fact]
    public async Task Pushes_with_provider_credentials_and_never_logs_the_password()
    {
        var password = CiDocker.AuthRegistryPassword();
        var (session, config) = await StartAsync(password);
        await using (session)
        {
            var state = await session.ApplyAsync(await session.PlanAsync(Type, null, config));
            Assert.StartsWith("sha256:", state!.Value.GetAttribute("repo_digest").AsString(), StringComparison.Ordinal);
            await session.DestroyAsync(Type, state);
            await session.Process.ShutdownAsync();
            Assert.NotEmpty(session.Process.StandardError);
            Assert.DoesNotContain(session.Process.StandardError, line => line.Contains(password, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_wrong_password_is_a_registry_error_on_push_and_leaves_nothing_behind()
    {
        var (session, config) = await StartAsync("wrong-password");
        await using (session)
        {
            var plan = await session.PlanAsync(Type, null, config);
            var error = await Assert.ThrowsAsync<TerraformDiagnosticsException>(() => session.ApplyAsync(plan));
            Assert.Contains(error.Errors, e => e.Contains("Registry refused the image", StringComparison.Ordinal) && e.Contains("(at push)", StringComparison.Ordinal));
            var tag = "ctx-" + plan.Planned!.GetAttribute("context_digest").AsString()[7..23];
            Assert.NotEqual(0, CiDocker.Run("docker", "image", "inspect", $"{config.GetAttribute("name").AsString()}:{tag}").Code);
            Assert.DoesNotContain(session.Process.StandardError, line => line.Contains("wrong-password", StringComparison.Ordinal));
        }
    }
}
