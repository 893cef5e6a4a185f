using Microsoft.Extensions.Logging;

namespace Immutable.Sdk.Hosting;

/// <summary>
/// Maps Terraform's log level variables onto .NET log levels, as terraform-plugin-log does:
/// <c>TF_LOG_PROVIDER_&lt;NAME&gt;</c>, then <c>TF_LOG_PROVIDER</c>, then <c>TF_LOG</c>.
/// </summary>
internal static class HclogLevel
{
    /// <summary>The effective minimum level; <see cref="LogLevel.Warning"/> when nothing is set.</summary>
    public static LogLevel FromEnvironment(string providerName, Func<string, string?> lookup)
    {
        var value = lookup("TF_LOG_PROVIDER_" + providerName.ToUpperInvariant())
            ?? lookup("TF_LOG_PROVIDER")
            ?? lookup("TF_LOG");
        return Parse(value);
    }

    /// <summary>The variable that lets framework categories through at TRACE (set it to 1).</summary>
    public const string FrameworkSwitch = "IMMUTABLE_LOG_FRAMEWORK";

    /// <summary>
    /// The minimum level for framework categories (ASP.NET Core, Kestrel, gRPC, .NET): Warning or the
    /// provider's level, whichever is higher, so a DEBUG log tells what the provider did rather than how
    /// each request was routed. Only at TRACE with <see cref="FrameworkSwitch"/>=1 do they follow the provider's level.
    /// </summary>
    public static LogLevel ForFramework(LogLevel providerLevel, Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var switchedOn = lookup(FrameworkSwitch)?.Trim() is "1" or "true" or "TRUE" or "True";
        return providerLevel == LogLevel.Trace && switchedOn ? LogLevel.Trace
            : providerLevel > LogLevel.Warning ? providerLevel
            : LogLevel.Warning;
    }

    /// <summary>Whether a log category belongs to the framework underneath rather than to the provider.</summary>
    public static bool IsFramework(string category) =>
        category.StartsWith("Microsoft.", StringComparison.Ordinal)
        || category.StartsWith("Grpc.", StringComparison.Ordinal)
        || category.StartsWith("System.", StringComparison.Ordinal);

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
