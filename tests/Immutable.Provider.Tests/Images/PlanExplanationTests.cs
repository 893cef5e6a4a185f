using Immutable.Cty;
using Immutable.Sdk.Testing;

namespace Immutable.Provider.Tests.Images;

/// <summary>A plan that replaces an image says which files and inputs changed since the build in state (published binary, real engine).</summary>
public sealed class PlanExplanationTests : IAsyncLifetime
{
    private const string Type = "immutable_image";
    private readonly string _root = Directory.CreateTempSubdirectory("immutable-explain").FullName;
    private TerraformSession _session = null!;

    private string Context => Path.Combine(_root, "app");

    public async Task InitializeAsync()
    {
        CiDocker.Require();
        DockerHost.CreateContext(Context);
        File.WriteAllText(Path.Combine(Context, "second.txt"), "two\n");
        File.WriteAllText(Path.Combine(Context, "third.txt"), "three\n");
        _session = await TerraformSession.StartAsync(new ProviderLaunchOptions
        {
            Executable = PublishedBinaries.Provider,
            Environment = new Dictionary<string, string?> { ["IMMUTABLE_CACHE_DIR"] = Path.Combine(_root, "cache") },
        });
        await _session.ConfigureAsync(_session.ProviderConfig(new Dictionary<string, CtyValue>()));
    }

    public async Task DisposeAsync()
    {
        await _session.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private CtyValue Config(string version) => _session.Config(Type, new Dictionary<string, CtyValue>
    {
        ["name"] = CtyValue.String("immutable-test/explain" + Path.GetFileName(_root).ToLowerInvariant().Replace("-", string.Empty, StringComparison.Ordinal)),
        ["context"] = CtyValue.String(Context),
        ["build_args"] = CtyValue.Map(CtyType.String, new Dictionary<string, CtyValue> { ["VERSION"] = CtyValue.String(version) }),
    });

    [Fact]
    public async Task A_plan_after_editing_two_files_and_deleting_one_names_exactly_those_three()
    {
        var state = (await _session.ApplyAsync(await _session.PlanAsync(Type, null, Config("1"))))!;
        File.WriteAllText(Path.Combine(Context, "app.txt"), "version two\n");
        File.WriteAllText(Path.Combine(Context, "second.txt"), "two, edited\n");
        File.Delete(Path.Combine(Context, "third.txt"));

        var plan = await _session.PlanAsync(Type, state, Config("2"));
        Assert.Equal(PlanAction.DeleteThenCreate, plan.Action);
        var warning = Assert.Single(plan.Warnings, w => w.StartsWith("Warning: The image's inputs changed since its build", StringComparison.Ordinal));
        var listed = warning.Replace(" (at context)", string.Empty, StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 2 && l[0] is '~' or '+' || (l.StartsWith("- ", StringComparison.Ordinal) && !l.Contains(':', StringComparison.Ordinal))).ToList();
        Assert.Equal(["~ app.txt", "~ second.txt", "- third.txt"], listed);
        Assert.Contains("- build_args: changed VERSION", warning, StringComparison.Ordinal);

        await _session.DestroyAsync(Type, state);
    }
}
