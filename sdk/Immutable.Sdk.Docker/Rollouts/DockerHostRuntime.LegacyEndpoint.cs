using System.Diagnostics;
using System.Text;

namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>
/// Endpoints started by versions before the HAProxy endpoint run nginx (see <see cref="NginxConfig"/>). Until the
/// next rollout of the service replaces such an endpoint, a traffic switch on it (an interrupted canary settled,
/// a generation retired by destroy) works as it did: rewrite the configuration, SIGHUP, wait for old workers to drain.
/// </summary>
public sealed partial class DockerHostRuntime
{
    private async Task RouteLegacyAsync(string service, int port, RouteTable routes, TimeSpan drain, CancellationToken cancellation)
    {
        var id = EndpointOf(service);
        var before = (await engine.ProcessesAsync(id, cancellation).ConfigureAwait(false))
            .Where(p => p.Command.StartsWith(NginxConfig.WorkerTitle, StringComparison.Ordinal))
            .Select(p => p.Pid)
            .ToHashSet(StringComparer.Ordinal);
        await engine.WriteFilesAsync(id, NginxConfig.Directory, new Dictionary<string, byte[]>
        {
            [NginxConfig.FileName] = Encoding.UTF8.GetBytes(NginxConfig.Render(routes, port, drain)),
            [NginxConfig.RoutesFileName] = routes.ToJson(),
        }, cancellation).ConfigureAwait(false);
        await engine.SignalAsync(id, "HUP", cancellation).ConfigureAwait(false);

        // Done when a new worker serves and every old worker has finished its in-flight requests.
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var processes = await engine.ProcessesAsync(id, cancellation).ConfigureAwait(false);
            var reloaded = processes.Any(p => p.Command.Trim() == NginxConfig.WorkerTitle && !before.Contains(p.Pid));
            var draining = processes.Count(p => before.Contains(p.Pid));
            if (reloaded && draining == 0)
            {
                log($"endpoint {id} (nginx, of an older version) switched to {Describe(routes)} in {clock.ElapsedMilliseconds} ms");
                return;
            }

            if ((!reloaded && clock.Elapsed > StartDeadline) || clock.Elapsed > drain + StartDeadline)
            {
                var logs = await engine.LogTailAsync(id, 20, CancellationToken.None).ConfigureAwait(false);
                throw new RolloutException(RolloutField.Endpoint, "Traffic switch failed",
                    reloaded
                        ? $"{draining} old nginx worker(s) of {id} were still draining after {clock.Elapsed.TotalSeconds:F0}s."
                        : $"nginx in {id} did not load the new routes. Its output:\n{logs}");
            }

            await Task.Delay(PollInterval, cancellation).ConfigureAwait(false);
        }
    }
}
