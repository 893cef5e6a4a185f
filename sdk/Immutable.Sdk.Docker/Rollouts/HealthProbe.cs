using System.Globalization;
using Immutable.Sdk.Docker.Engine;

namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>
/// Probes one container from inside the engine: the endpoint container (on the same service network) runs
/// an HTTP GET of the health path (2xx/3xx is healthy), or a TCP connect when no path is set, against the
/// container's address there. Nothing is published on the engine's host and nothing depends on where the
/// provider runs, so a remote engine (<c>tcp://</c>, <c>ssh://</c>) is probed exactly like the local socket.
/// The image's own Docker HEALTHCHECK, when it has one, must report healthy too. Whether the container still
/// runs is the runtime's check (<see cref="DockerHostRuntime.ProbeAsync"/>), made before.
/// </summary>
public sealed class HealthProbe(DockerEngine engine)
{
    /// <summary>
    /// HTTP/1.0 GET through <c>nc</c> (busybox's <c>wget</c> cannot resolve names in a static binary), killed
    /// after the timeout so a hung backend cannot leave a process behind in the endpoint. Arguments:
    /// address, port, timeout in seconds, path.
    /// </summary>
    private const string HttpScript = """
        printf 'GET %s HTTP/1.0\r\nHost: %s\r\nUser-Agent: immutable-probe\r\nConnection: close\r\n\r\n' "$4" "$1" | nc -w "$3" "$1" "$2" & p=$!
        (sleep "$3"; kill -9 $p 2>/dev/null) & k=$!
        wait $p; r=$?
        kill $k 2>/dev/null
        exit $r
        """;

    /// <summary>A TCP connect: <c>nc -e true</c> exits 0 as soon as the connection is made.</summary>
    private const string TcpScript = """nc -w "$3" "$1" "$2" -e true""";

    /// <summary>Exit code of a probe the timer killed.</summary>
    private const long Killed = 137;

    /// <summary>Probes once through <paramref name="endpoint"/>; returns null when healthy, else what failed.</summary>
    public async Task<string?> CheckAsync(ContainerFacts container, string endpoint, string network, int port, HealthCheckSpec spec, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(spec);
        if (container.Health is "unhealthy" or "starting")
        {
            return $"the image's HEALTHCHECK reports {container.Health} for {container.Name}";
        }

        if (!container.Addresses.TryGetValue(network, out var address))
        {
            return $"container {container.Name} has no address on {network}";
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(spec.Timeout.TotalSeconds));
        var what = spec.HttpPath is { } path ? $"GET {path} on {container.Name}" : $"TCP connect to {container.Name}";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds + 10));
        ExecResult result;
        try
        {
            result = await engine.ExecAsync(endpoint,
                ["sh", "-c", spec.HttpPath is null ? TcpScript : HttpScript, "probe", address, port.ToString(CultureInfo.InvariantCulture), seconds.ToString(CultureInfo.InvariantCulture), spec.HttpPath ?? "/"],
                timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return $"{what} got no answer from the endpoint {endpoint} that runs the probe";
        }
        catch (DockerEngineException ex) when (ex.Failure != DockerFailure.Unreachable)
        {
            return $"{what} could not run in the endpoint {endpoint}: {ex.Message}";
        }

        if (result.ExitCode == Killed)
        {
            return $"{what} timed out after {seconds.ToString(CultureInfo.InvariantCulture)}s";
        }

        if (spec.HttpPath is null)
        {
            return result.ExitCode == 0 ? null : $"{what} failed: {Reason(result)}";
        }

        var status = StatusOf(result.Output);
        return status switch
        {
            >= 200 and < 400 => null,
            > 0 => $"{what} answered {status.ToString(CultureInfo.InvariantCulture)}",
            _ => $"{what} failed: {Reason(result)}",
        };
    }

    /// <summary>The status code of an HTTP status line (<c>HTTP/1.1 200 OK</c>); 0 when there is none.</summary>
    internal static int StatusOf(string output)
    {
        var line = output.AsSpan().TrimStart();
        var end = line.IndexOfAny('\r', '\n');
        line = end < 0 ? line : line[..end];
        if (!line.StartsWith("HTTP/", StringComparison.Ordinal))
        {
            return 0;
        }

        var parts = line.ToString().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : 0;
    }

    private static string Reason(ExecResult result) =>
        result.Error.Trim() is { Length: > 0 } error ? error : result.Output.Trim() is { Length: > 0 } output ? output : $"exit code {result.ExitCode.ToString(CultureInfo.InvariantCulture)}";
}
