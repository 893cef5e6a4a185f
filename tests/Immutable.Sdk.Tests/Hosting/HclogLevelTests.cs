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
}
