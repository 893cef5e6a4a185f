using System.Security.Cryptography;
using System.Text;
using Immutable.Cty;
using Immutable.Sdk.Testing;

namespace Immutable.Provider.Tests.Images;

/// <summary>
/// <c>immutable_image</c> with BuildKit (the default builder), end to end: the published provider
/// at TRACE, a real engine. Secrets reach the build and nothing else; bad input is a diagnostic on
/// its attribute; the builder is operational (no replacement).
/// </summary>
public sealed class BuildKitImageTests : IAsyncLifetime
{
    private const string Type = "immutable_image";
    private readonly string _root = Directory.CreateTempSubdirectory("immutable-bk-image").FullName;
    private readonly string _repository = $"immutable-bk/app{Guid.NewGuid():N}"[..36];
    private TerraformSession _session = null!;

    private string Context => Path.Combine(_root, "app");

    public async Task InitializeAsync()
    {
        CiDocker.Require();
        _session = await TerraformSession.StartAsync(new ProviderLaunchOptions
        {
            Executable = PublishedBinaries.Provider,
            Environment = new Dictionary<string, string?> { ["IMMUTABLE_CACHE_DIR"] = Path.Combine(_root, "cache"), ["TF_LOG_PROVIDER"] = "TRACE" },
        });
        await _session.ConfigureAsync(_session.ProviderConfig(new Dictionary<string, CtyValue>()));
    }

    public async Task DisposeAsync()
    {
        await _session.DisposeAsync();
        foreach (var line in CiDocker.Run("docker", "image", "ls", "--format", "{{.Repository}}:{{.Tag}}", _repository).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            CiDocker.Run("docker", "rmi", line);
        }

        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task A_secret_mount_reads_the_secret_which_appears_nowhere_and_changing_the_builder_replaces_nothing()
    {
        var secret = "s3cret-" + Guid.NewGuid().ToString("N");
        var secretFile = Path.Combine(_root, "token.txt");
        File.WriteAllText(secretFile, secret);
        // BuildKit's cache key leaves secret values out (a rotated secret reuses the layer), so the
        // step is made unique to this run to make it read this run's secret.
        Dockerfile($"""
            RUN --mount=type=secret,id=token --mount=type=cache,target=/cache echo {Guid.NewGuid():N} > /run-id && sha256sum /run/secrets/token | cut -d' ' -f1 > /proof
            """);
        var config = _session.Config(Type, Image(new() { ["secrets"] = new Dictionary<string, object?> { ["token"] = new Dictionary<string, object?> { ["file"] = secretFile } } }));

        var plan = await _session.PlanAsync(Type, null, config);
        var state = (await _session.ApplyAsync(plan))!;

        var image = state.Value.GetAttribute("image_id").AsString();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), CiDocker.Run("docker", "run", "--rm", image, "/bin/busybox", "cat", "/proof").Output);
        var saved = Path.Combine(_root, "image.tar");
        Assert.Equal(0, CiDocker.Run("docker", "save", "-o", saved, image).Code);
        Assert.Equal(-1, File.ReadAllBytes(saved).AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
        Assert.DoesNotContain(secret, CiDocker.Run("docker", "history", "--no-trunc", image).Output, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, Encoding.UTF8.GetString(state.Json), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, plan.Planned!.ToString(), StringComparison.Ordinal);
        var log = _session.Process.StandardError.Select(MessageOf).ToList();
        // BuildKit 0.8 names the step "[stage-0 4/4] RUN ..." (the stage name comes first).
        Assert.True(log.Any(message => message.Contains(" 4/4] RUN --mount=type=secret", StringComparison.Ordinal)), "no step line in the provider log:\n" + string.Join("\n", log));
        Assert.DoesNotContain(log, message => message.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(_session.Process.StandardError, line => line.Contains(secret, StringComparison.Ordinal));

        // builder and no_cache are operational: a change plans no replacement.
        var operational = await _session.PlanAsync(Type, state, _session.Config(Type, Image(new() { ["builder"] = "buildkit", ["no_cache"] = true })));
        Assert.Empty(operational.RequiresReplace);
        Assert.NotEqual(PlanAction.DeleteThenCreate, operational.Action);
    }

    [Fact]
    public async Task A_failing_RUN_is_an_apply_error_naming_the_step_its_exit_code_and_output_and_nothing_is_tagged()
    {
        Dockerfile("RUN echo building-widget && exit 7");

        var plan = await _session.PlanAsync(Type, null, _session.Config(Type, Image([])));
        var error = await Assert.ThrowsAsync<TerraformDiagnosticsException>(() => _session.ApplyAsync(plan));

        var message = Assert.Single(error.Errors);
        Assert.Contains("[4/4] RUN echo building-widget", message, StringComparison.Ordinal);
        Assert.Contains("exit code 7", message, StringComparison.Ordinal);
        Assert.Contains("building-widget", message[(message.IndexOf("Last lines", StringComparison.Ordinal) + 1)..], StringComparison.Ordinal);
        Assert.Equal(string.Empty, CiDocker.Run("docker", "image", "ls", "-q", _repository).Output);
    }

    [Fact]
    public async Task Bad_build_settings_are_plan_time_diagnostics_on_their_attribute()
    {
        Dockerfile("RUN --mount=type=cache,target=/cache echo cached");
        var variable = "IMMUTABLE_UNSET_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

        var missingFile = await Assert.ThrowsAsync<TerraformDiagnosticsException>(() => _session.PlanAsync(Type, null, _session.Config(Type, Image(new()
        {
            ["secrets"] = new Dictionary<string, object?> { ["token"] = new Dictionary<string, object?> { ["file"] = Path.Combine(_root, "absent") } },
        }))));
        Assert.Contains(missingFile.Errors, e => e.Contains("Build secret unavailable", StringComparison.Ordinal) && e.Contains("absent", StringComparison.Ordinal) && e.Contains("secrets", StringComparison.Ordinal));

        var unsetVariable = await Assert.ThrowsAsync<TerraformDiagnosticsException>(() => _session.PlanAsync(Type, null, _session.Config(Type, Image(new()
        {
            ["secrets"] = new Dictionary<string, object?> { ["token"] = new Dictionary<string, object?> { ["env"] = variable } },
        }))));
        Assert.Contains(unsetVariable.Errors, e => e.Contains(variable + " is not set", StringComparison.Ordinal));

        var classic = await Assert.ThrowsAsync<TerraformDiagnosticsException>(() => _session.PlanAsync(Type, null, _session.Config(Type, Image(new() { ["builder"] = "classic" }))));
        Assert.Contains(classic.Errors, e => e.Contains("Dockerfile needs BuildKit", StringComparison.Ordinal) && e.Contains("(at builder)", StringComparison.Ordinal));

        var unknown = await Assert.ThrowsAsync<TerraformDiagnosticsException>(() => _session.PlanAsync(Type, null, _session.Config(Type, Image(new() { ["builder"] = "kaniko" }))));
        Assert.Contains(unknown.Errors, e => e.Contains("Invalid builder", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_mount_type_fails_the_apply_naming_the_instruction_and_tags_nothing()
    {
        Dockerfile("RUN --mount=type=magic,target=/x echo never");

        var plan = await _session.PlanAsync(Type, null, _session.Config(Type, Image([])));
        var error = await Assert.ThrowsAsync<TerraformDiagnosticsException>(() => _session.ApplyAsync(plan));

        Assert.Contains(error.Errors, e => e.Contains("Image build failed", StringComparison.Ordinal) && e.Contains("magic", StringComparison.Ordinal));
        Assert.Equal(string.Empty, CiDocker.Run("docker", "image", "ls", "-q", _repository).Output);
    }

    /// <summary>The message of a JSON log line as the provider writes it (JSON escapes some characters).</summary>
    private static string MessageOf(string line)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(line);
            return json.RootElement.TryGetProperty("@message", out var message) ? message.GetString() ?? line : line;
        }
        catch (System.Text.Json.JsonException)
        {
            return line;
        }
    }

    private Dictionary<string, object?> Image(Dictionary<string, object?> extra)
    {
        var config = new Dictionary<string, object?> { ["name"] = _repository, ["context"] = Context };
        foreach (var (key, value) in extra)
        {
            config[key] = value;
        }

        return config;
    }

    /// <summary>A context whose Dockerfile gives a FROM-scratch busybox image a shell, then runs <paramref name="steps"/>.</summary>
    private void Dockerfile(string steps) => DockerHost.CreateContext(Context, $"FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\nCOPY app.txt /app.txt\n{steps}\n");
}
