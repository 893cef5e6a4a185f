using System.Text.Json;
using Immutable.Cty;
using Immutable.Provider.Tests.Images;
using Immutable.Provider.Tests.Rollouts;
using Immutable.Sdk.Testing;

namespace Immutable.Provider.Tests;

/// <summary>
/// What a user sees with <c>TF_LOG_PROVIDER=DEBUG</c>: the published provider builds an image and rolls it
/// out against the real engine, and its stderr must tell that story without the framework's request plumbing.
/// </summary>
public sealed class DebugLogTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("immutable-debuglog").FullName;
    private readonly string _service = "l" + Guid.NewGuid().ToString("N")[..10];

    public Task InitializeAsync()
    {
        RolloutHost.Require();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        RolloutHost.Purge(_service);
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_debug_apply_log_holds_every_build_and_rollout_step_and_no_framework_routing()
    {
        var session = await TerraformSession.StartAsync(new ProviderLaunchOptions
        {
            Executable = PublishedBinaries.Provider,
            Environment = new Dictionary<string, string?>
            {
                ["TF_LOG_PROVIDER"] = "DEBUG",
                ["IMMUTABLE_CACHE_DIR"] = Path.Combine(_root, "cache"),
            },
        });
        await using (session)
        {
            await session.ConfigureAsync(session.ProviderConfig(new Dictionary<string, CtyValue> { ["proxy_image"] = CtyValue.String(RolloutHost.HaproxyImage) }));
            var image = await ApplyAsync(session, "immutable_image", session.Config("immutable_image", new Dictionary<string, CtyValue>
            {
                ["name"] = CtyValue.String("immutable-test/log" + _service),
                ["context"] = CtyValue.String(RolloutHost.WriteApp(_root, "v1")),
            }));
            var rollout = await ApplyAsync(session, "immutable_rollout", new RolloutConfig
            {
                Name = _service,
                Image = image.Value.GetAttribute("image_id").AsString(),
                HostPort = RolloutHost.FreePort(),
            }.Build(session));
            await session.DestroyAsync("immutable_rollout", rollout);
            await session.DestroyAsync("immutable_image", image);
        }

        var entries = session.Process.StandardError.Where(l => l.StartsWith('{')).Select(Parse).ToList();
        var messages = entries.Select(e => e.Message).ToList();
        var log = string.Join('\n', messages);

        // No framework line below Warning, and none of ASP.NET Core's routing chatter at all.
        Assert.DoesNotContain(entries, e => IsFramework(e.Category) && e.Level is "trace" or "debug" or "info");
        Assert.DoesNotContain(messages, m => m.Contains("route pattern", StringComparison.Ordinal) || m.Contains("Executing endpoint", StringComparison.Ordinal));

        // Each build step, then each rollout step in the order it happens.
        Assert.Contains(messages, m => m.StartsWith("build: ", StringComparison.Ordinal) && m.Contains("COPY busybox /bin/busybox", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("build: ", StringComparison.Ordinal) && m.Contains("COPY www /www", StringComparison.Ordinal));
        var story = new[]
        {
            $"endpoint {_service}-endpoint serving on 127.0.0.1:",
            $"started {_service}-g1-0",
            $"started {_service}-g1-1",
            $"all 2 container(s) of {_service} healthy",
            $"endpoint {_service}-endpoint switched to g1=100%",
            $"generation 1 of {_service} serves all traffic",
            $"rollout {_service}: generation 1 serving",
            $"removed {_service}-g1-0",
        };
        var at = -1;
        foreach (var step in story)
        {
            var next = messages.FindIndex(at + 1, m => m.Contains(step, StringComparison.Ordinal));
            Assert.True(next > at, $"'{step}' is missing from the DEBUG log, or out of order:\n{log}");
            at = next;
        }
    }

    private static async Task<StoredState> ApplyAsync(TerraformSession session, string type, CtyValue config)
    {
        var plan = await session.PlanAsync(type, null, config);
        return (await session.ApplyAsync(plan))!;
    }

    private static bool IsFramework(string category) =>
        category.StartsWith("Microsoft.", StringComparison.Ordinal) || category.StartsWith("Grpc.", StringComparison.Ordinal);

    private static (string Level, string Message, string Category) Parse(string line)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        return (
            root.GetProperty("@level").GetString()!,
            root.GetProperty("@message").GetString()!,
            root.TryGetProperty("category", out var category) ? category.GetString()! : string.Empty);
    }
}
