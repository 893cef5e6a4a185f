using Immutable.Sdk.Hosting;
using Microsoft.Extensions.Logging;

namespace Immutable.Sdk.Tests.Hosting;

public sealed class HclogLevelTests
{
    [Fact]
    public void Provider_specific_variable_wins_over_general_ones()
    {
        var env = new Dictionary<string, string?> { ["TF_LOG"] = "ERROR", ["TF_LOG_PROVIDER"] = "INFO", ["TF_LOG_PROVIDER_IMMUTABLE"] = "TRACE" };
        Assert.Equal(LogLevel.Trace, HclogLevel.FromEnvironment("immutable", k => env.GetValueOrDefault(k)));
    }

    [Fact]
    public void Falls_back_to_tf_log_then_warn()
    {
        Assert.Equal(LogLevel.Debug, HclogLevel.FromEnvironment("immutable", k => k == "TF_LOG" ? "debug" : null));
        Assert.Equal(LogLevel.Warning, HclogLevel.FromEnvironment("immutable", _ => null));
    }

    [Fact]
    public void Writes_hclog_json_lines()
    {
        using var output = new MemoryStream();
        using (var provider = new HclogLoggerProvider(output, LogLevel.Information, "provider.terraform-provider-immutable"))
        {
            provider.CreateLogger("test").LogInformation("built {Digest}", "sha256:abc");
            provider.CreateLogger("test").LogDebug("hidden");
        }

        var lines = System.Text.Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var entry = Assert.Single(lines);
        using var json = System.Text.Json.JsonDocument.Parse(entry);
        Assert.Equal("info", json.RootElement.GetProperty("@level").GetString());
        Assert.Equal("built sha256:abc", json.RootElement.GetProperty("@message").GetString());
        Assert.Equal("sha256:abc", json.RootElement.GetProperty("Digest").GetString());
        Assert.True(DateTimeOffset.TryParse(json.RootElement.GetProperty("@timestamp").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
    }

    [Theory]
    [InlineData(LogLevel.Debug, null, LogLevel.Warning)]
    [InlineData(LogLevel.Information, "1", LogLevel.Warning)]
    [InlineData(LogLevel.Trace, null, LogLevel.Warning)]
    [InlineData(LogLevel.Trace, "0", LogLevel.Warning)]
    [InlineData(LogLevel.Trace, "1", LogLevel.Trace)]
    [InlineData(LogLevel.Error, "1", LogLevel.Error)]
    [InlineData(LogLevel.None, null, LogLevel.None)]
    public void Framework_categories_stay_at_warning_unless_trace_and_switched_on(LogLevel provider, string? framework, LogLevel expected)
    {
        Assert.Equal(expected, HclogLevel.ForFramework(provider, k => k == HclogLevel.FrameworkSwitch ? framework : null));
    }

    [Fact]
    public void Framework_lines_below_their_level_are_dropped_and_the_providers_own_are_kept()
    {
        using var output = new MemoryStream();
        using (var provider = new HclogLoggerProvider(output, LogLevel.Debug, "provider.terraform-provider-immutable"))
        {
            provider.CreateLogger("Microsoft.AspNetCore.Routing.EndpointMiddleware").LogDebug("Executing endpoint");
            provider.CreateLogger("Grpc.AspNetCore.Server.ServerCallHandler").LogInformation("Request started");
            provider.CreateLogger("Microsoft.AspNetCore.Server.Kestrel").LogWarning("slow client");
            provider.CreateLogger("Immutable.Provider.Images").LogDebug("build: Step 1/2");
        }

        var messages = System.Text.Encoding.UTF8.GetString(output.ToArray())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(MessageOf)
            .ToList();
        Assert.Equal(["slow client", "build: Step 1/2"], messages);
    }

    private static string? MessageOf(string line)
    {
        using var json = System.Text.Json.JsonDocument.Parse(line);
        return json.RootElement.GetProperty("@message").GetString();
    }
}
