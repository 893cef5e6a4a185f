using Microsoft.Extensions.Logging;

namespace Immutable.Sdk.Hosting;

/// <summary>
/// Maps Terraform's log level variables onto .NET log levels, as terraform-plugin-log does:
/// <c>TF_LOG_PROVIDER_&lt;NAME&gt;</c>, then <c>TF_LOG_PROVIDER</c>, then <c>TF_LOG</c>.
/// </summary>
public static class HclogLevel
{
    /// <summary>The effective minimum level; <see cref="LogLevel.Warning"/> when nothing is set.</summary>
    public static LogLevel FromEnvironment(string providerName, Func<string, string?> lookup)
    {
        var value = lookup("TF_LOG_PROVIDER_" + providerName.ToUpperInvariant())
            ?? lookup("TF_LOG_PROVIDER")
            ?? lookup("TF_LOG");
        return Parse(value);
    }

    /// <summary>Parses one of TRACE, DEBUG, INFO, WARN, ERROR, OFF, JSON (case-insensitive).</summary>
    public static LogLevel Parse(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "TRACE" or "JSON" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "INFO" => LogLevel.Information,
        "WARN" => LogLevel.Warning,
        "ERROR" => LogLevel.Error,
        "OFF" => LogLevel.None,
        _ => LogLevel.Warning,
    };

    /// <summary>hclog's name for a level.</summary>
    public static string Name(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        _ => "error",
    };
}
