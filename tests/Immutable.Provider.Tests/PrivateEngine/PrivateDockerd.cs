using System.Diagnostics;
using System.Globalization;
using Immutable.Provider.Tests.Images;
using Immutable.Provider.Tests.Rollouts;

namespace Immutable.Provider.Tests.PrivateEngine;

/// <summary>
/// A second Docker engine that the tests own entirely, so it can be stopped and started again (as a reboot
/// would) without touching the shared engine: its own data root, exec root, pid file, unix socket and
/// <c>tcp://127.0.0.1:18250</c> (the remote-engine address), its own default bridge <c>heal0</c> (created here:
/// with <c>--bridge none</c> dockerd deletes the host's <c>docker0</c>, which belongs to the shared engine), and
/// its own address pool.
/// It leaves the host's iptables to the shared engine (<c>--iptables=false</c>: an engine that manages
/// iptables rebuilds Docker's chains on start and would break the shared engine's rules); the one rule it
/// needs, accepting forwarded traffic inside its own pool (the shared engine's FORWARD policy is DROP),
/// is added here and removed on disposal. If it cannot start, the tests fail with its log: nothing is skipped.
/// </summary>
public sealed class PrivateDockerd : IAsyncLifetime
{
    public const string Root = "/tmp/immutable-heal";
    public const int TcpPort = 18250;
    private const string Pool = "10.219.0.0/16";
    private const string Bridge = "heal0";
    private const string BridgeAddress = "10.220.0.1/24";
    private static readonly string[] ForwardRule = ["FORWARD", "-s", Pool, "-d", Pool, "-m", "comment", "--comment", "immutable-heal-private-engine", "-j", "ACCEPT"];

    private Process? _daemon;

    public string Socket => $"unix://{Root}/docker.sock";

    public string TcpHost => string.Create(CultureInfo.InvariantCulture, $"tcp://127.0.0.1:{TcpPort}");

    private string Log => Path.Combine(Root, "dockerd.log");

    /// <summary>When the running dockerd process started (as the system reports it).</summary>
    public DateTime StartedAt { get; private set; }

    public async Task InitializeAsync()
    {
        RolloutHost.Require();
        Assert.True(File.Exists("/usr/sbin/dockerd"), "The private engine needs Debian's dockerd at /usr/sbin/dockerd (apt-get install docker.io).");
        Assert.True(Environment.UserName == "root", "The private engine needs root (it runs a second dockerd).");
        if (File.Exists(Path.Combine(Root, "docker.pid")))
        {
            throw new InvalidOperationException($"{Root}/docker.pid exists: a private engine of an earlier run may still be running; stop it (kill the pid in that file) and remove {Root}.");
        }

        Directory.CreateDirectory(Root);
        if (DockerHost.Run("ip", "link", "show", Bridge).Code != 0)
        {
            foreach (var command in new[] { new[] { "link", "add", Bridge, "type", "bridge" }, ["addr", "add", BridgeAddress, "dev", Bridge], ["link", "set", Bridge, "up"] })
            {
                var (code, output) = DockerHost.Run("ip", command);
                Assert.True(code == 0, $"ip {string.Join(' ', command)} failed: {output}");
            }
        }

        if (DockerHost.Run("iptables", ["-C", .. ForwardRule]).Code != 0)
        {
            var (code, output) = DockerHost.Run("iptables", ["-I", .. ForwardRule]);
            Assert.True(code == 0, $"iptables -I {string.Join(' ', ForwardRule)} failed: {output}");
        }

        await StartAsync();
        foreach (var image in new[] { RolloutHost.HaproxyImage })
        {
            var (code, output) = DockerHost.Run("sh", "-c", $"docker save {image} | docker -H {Socket} load");
            Assert.True(code == 0, $"loading {image} into the private engine failed: {output}");
        }
    }

    /// <summary>Builds an app image in the private engine (same context as <see cref="RolloutHost.BuildApp"/>); returns its image id.</summary>
    public string BuildApp(string root, string version)
    {
        var context = RolloutHost.WriteApp(root, version);
        var tag = $"immutable-test/app:{version}";
        var (code, output) = DockerHost.Run("docker", "-H", Socket, "build", "-q", "-t", tag, context);
        Assert.True(code == 0, output);
        return Docker("image", "inspect", "--format", "{{.Id}}", tag);
    }

    /// <summary>Runs the docker CLI against the private engine; fails the test when it fails.</summary>
    public string Docker(params string[] arguments)
    {
        var (code, output) = DockerHost.Run("docker", ["-H", Socket, .. arguments]);
        Assert.True(code == 0, $"docker {string.Join(' ', arguments)}: {output}");
        return output;
    }

    /// <summary>Starts dockerd and waits (generously) until it answers.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("/usr/sbin/dockerd") { RedirectStandardOutput = false, RedirectStandardError = false, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "--data-root", $"{Root}/data", "--exec-root", $"{Root}/exec", "--pidfile", $"{Root}/docker.pid",
            "-H", Socket, "-H", TcpHost, "--bridge", Bridge, "--iptables=false", "--ip-masq=false",
            "--default-address-pool", $"base={Pool},size=24",
            "--containerd-namespace", "immutable-heal", "--containerd-plugins-namespace", "immutable-heal-plugins",
            "--log-level", "warn",
        })
        {
            start.ArgumentList.Add(argument);
        }

        // dockerd writes its log to stderr: keep it in a file the failure messages quote.
        var shell = new ProcessStartInfo("sh") { UseShellExecute = false };
        shell.ArgumentList.Add("-c");
        shell.ArgumentList.Add($"exec \"$0\" \"$@\" >>{Log} 2>&1");
        shell.ArgumentList.Add(start.FileName);
        foreach (var argument in start.ArgumentList)
        {
            shell.ArgumentList.Add(argument);
        }

        _daemon = Process.Start(shell) ?? throw new InvalidOperationException("dockerd did not start");
        StartedAt = _daemon.StartTime.ToUniversalTime();
        for (var attempt = 0; DockerHost.Run("docker", "-H", Socket, "version", "--format", "{{.Server.Version}}").Code != 0; attempt++)
        {
            if (_daemon.HasExited || attempt > 120)
            {
                throw new InvalidOperationException($"The private dockerd did not answer on {Socket} (exited: {_daemon.HasExited}). Its log:\n{Tail()}");
            }

            await Task.Delay(500);
        }
    }

    /// <summary>Stops dockerd the way a shutdown does (SIGTERM: it stops every container) and waits until it exited.</summary>
    public async Task StopAsync()
    {
        if (_daemon is null || _daemon.HasExited)
        {
            return;
        }

        Assert.Equal(0, DockerHost.Run("kill", "-TERM", _daemon.Id.ToString(CultureInfo.InvariantCulture)).Code);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await _daemon.WaitForExitAsync(deadline.Token);
        _daemon.Dispose();
        _daemon = null;
    }

    public string Tail() => File.Exists(Log) ? string.Join('\n', File.ReadLines(Log).TakeLast(30)) : "(no log)";

    public async Task DisposeAsync()
    {
        try
        {
            if (_daemon is { HasExited: false })
            {
                // Leave no bridge behind: remove what the tests created before the engine goes.
                DockerHost.Run("sh", "-c", $"docker -H {Socket} rm -f $(docker -H {Socket} ps -aq) 2>/dev/null; docker -H {Socket} network prune -f");
                await StopAsync();
            }
        }
        finally
        {
            DockerHost.Run("iptables", ["-D", .. ForwardRule]);
            DockerHost.Run("ip", "link", "del", Bridge);
            DockerHost.Run("rm", "-rf", Root);
        }
    }
}
