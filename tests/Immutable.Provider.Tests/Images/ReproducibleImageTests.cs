using Immutable.Cty;
using Immutable.Sdk.Testing;

namespace Immutable.Provider.Tests.Images;

/// <summary>
/// Issue 11 §2: identical inputs give an identical image id, also when built by two provider
/// processes at different times; a one-byte change gives a different one. (On one engine: the
/// builders of Docker 20.10 stamp the wall clock into the image config, so the id holds because
/// the engine reuses its build cache for identical inputs — the provider no longer adds a build
/// time of its own that would defeat it.)
/// </summary>
public sealed class ReproducibleImageTests : IDisposable
{
    private const string Type = "immutable_image";
    private readonly string _root = Directory.CreateTempSubdirectory("immutable-repro").FullName;
    private readonly string _repository = $"immutable-repro/app{Guid.NewGuid():N}"[..40];

    public ReproducibleImageTests() => CiDocker.Require();

    [Fact]
    public async Task Two_processes_building_the_same_inputs_get_the_same_image_id_and_a_changed_byte_another()
    {
        var context = DockerHost.CreateContext(Path.Combine(_root, "app"));

        var first = await BuildInNewProcessAsync(context);
        var second = await BuildInNewProcessAsync(context);
        File.WriteAllText(Path.Combine(context, "app.txt"), "version onE\n");
        var changed = await BuildInNewProcessAsync(context);

        Assert.Equal(first.ImageId, second.ImageId);
        Assert.NotEqual(first.ImageId, changed.ImageId);
        var (_, created) = CiDocker.Run("docker", "image", "inspect", "--format", "{{index .Config.Labels \"org.opencontainers.image.created\"}}", first.ImageId);
        Assert.Equal("1970-01-01T00:00:00Z", created);
    }

    public void Dispose()
    {
        foreach (var line in CiDocker.Run("docker", "image", "ls", "--format", "{{.Repository}}:{{.Tag}}", _repository).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            CiDocker.Run("docker", "rmi", line);
        }

        Directory.Delete(_root, recursive: true);
    }

    /// <summary>Plans and applies the image in a provider process of its own (as two Terraform runs would).</summary>
    private async Task<(string ImageId, string Digest)> BuildInNewProcessAsync(string context)
    {
        await using var session = await TerraformSession.StartAsync(new ProviderLaunchOptions
        {
            Executable = PublishedBinaries.Provider,
            Environment = new Dictionary<string, string?> { ["IMMUTABLE_CACHE_DIR"] = Path.Combine(_root, "cache"), ["SOURCE_DATE_EPOCH"] = null },
        });
        await session.ConfigureAsync(session.ProviderConfig(new Dictionary<string, CtyValue>()));
        var plan = await session.PlanAsync(Type, null, session.Config(Type, new Dictionary<string, CtyValue>
        {
            ["name"] = CtyValue.String(_repository),
            ["context"] = CtyValue.String(context),
            ["keep_locally"] = CtyValue.Bool(true),
        }));
        var state = (await session.ApplyAsync(plan))!;
        return (state.Value.GetAttribute("image_id").AsString(), state.Value.GetAttribute("context_digest").AsString());
    }
}
