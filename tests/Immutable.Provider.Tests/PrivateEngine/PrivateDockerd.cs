using System.Diagnostics;
using System.Globalization;
using Immutable.Provider.Tests.Images;
using Immutable.Provider.Tests.Rollouts;

namespace Immutable.Provider.Tests.PrivateEngine;

/// <summary>
/// A second Docker engine that the tests own entirely, so it can be stopped and started again (as a reboot
/// would) without touching the shared engine: its own data root, exec root, pid file and unix socket, and its own
/// network namespace <c>immheal</c>, reached from the host through a veth pair at <c>10.218.0.2</c>
/// (<c>tcp://10.218.0.2:18250</c> is the remote-engine address; published ports answer there too).
/// The namespace is what keeps the shared engine whole: a dockerd that finds its stale default network on start
/// deletes the interface named <c>docker0</c> of its network namespace (moby's <c>removeDefaultBridgeInterface</c>),
/// and in the host's namespace that is the shared engine's bridge. Inside its own namespace the private engine
/// also has its own bridge, iptables rules and address space, so it runs with Docker's defaults.
/// If it cannot start, the tests fail with its log: nothing is skipped.
/// </summary>
public sealed class PrivateDockerd : IAsyncLifetime
{
    public const string Root = "/tmp/immutable-heal";
    public const int TcpPort = 18250;
    public const string Address = "10.218.0.2";
    private const string Namespace = "immheal";
    private const string HostVeth = "immheal-h";
    private const string EngineVeth = "immheal-n";
    private const string HostAddress = "10.218.0.1/30";

    private Process? _daemon;

    public string Socket => $"unix://{Root}/docker.sock";

    public string TcpHost => string.Create(CultureInfo.InvariantCulture, $"tcp://{Address}:{TcpPort}");

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
        if (CiDocker.Run("ip", "netns", "list").Output.Split('\n').Any(line => line.Split(' ')[0] == Namespace))
        {
            CiDocker.Run("ip", "netns", "del", Namespace); // left by an earlier run whose daemon is gone (no pid file)
        }

        foreach (var command in new[]
        {
            new[] { "netns", "add", Namespace },
            ["link", "add", HostVeth, "type", "veth", "peer", "name", EngineVeth],
            ["link", "set", EngineVeth, "netns", Namespace],
            ["addr", "add", HostAddress, "dev", HostVeth],
            ["link", "set", HostVeth, "up"],
            ["-n", Namespace, "addr", "add", Address + "/30", "dev", EngineVeth],
            ["-n", Namespace, "link", "set", EngineVeth, "up"],
            ["-n", Namespace, "link", "set", "lo", "up"],
        })
        {
            var (code, output) = CiDocker.Run("ip", command);
            Assert.True(code == 0, $"ip {string.Join(' ', command)} failed: {output}");
        }

        await StartAsync();
        foreach (var image in new[] { RolloutHost.HaproxyImage })
        {
            var (code, output) = CiDocker.Run("sh", "-c", $"docker save {image} | docker -H {Socket} load");
            Assert.True(code == 0, $"loading {image} into the private engine failed: {output}");
        }
    }

    /// <summary>Builds an app image in the private engine (same context as <see cref="RolloutHost.BuildApp"/>); returns its image id.</summary>
    public string BuildApp(string root, string version)
    {
        var context = RolloutHost.WriteApp(root, version);
        var tag = $"immutable-test/app:{version}";
        var (code, output) = CiDocker.Run("docker", "-H", Socket, "build", "-q", "-t", tag, context);
        Assert.True(code == 0, output);
        return Docker("image", "inspect", "--format", "{{.Id}}", tag);
    }

    /// <summary>Runs the docker CLI against the private engine; fails the test when it fails.</summary>
    public string Docker(params string[] arguments)
    {
        var (code, output) = CiDocker.Run("docker", ["-H", Socket, .. arguments]);
        Assert.True(code == 0, $"docker {string.Join(' ', arguments)}: {output}");
        return output;
    }

    /// <summary>Starts dockerd and waits (generously) until it answers.</summary>
    public async Task StartAsync()
    {
        // nsenter enters only the network namespace: dockerd's mounts must stay visible to containerd and runc.
        var start = new ProcessStartInfo("nsenter") { RedirectStandardOutput = false, RedirectStandardError = false, UseShellExecute = false };
        foreach (var argument in new[]
        {
            $"--net=/var/run/netns/{Namespace}", "/usr/sbin/dockerd",
            "--data-root", $"{Root}/data", "--exec-root", $"{Root}/exec", "--pidfile", $"{Root}/docker.pid",
            "-H", Socket, "-H", TcpHost,
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
        for (var attempt = 0; CiDocker.Run("docker", "-H", Socket, "version", "--format", "{{.Server.Version}}").Code != 0; attempt++)
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

        Assert.Equal(0, CiDocker.Run("kill", "-TERM", _daemon.Id.ToString(CultureInfo.InvariantCulture)).Code);
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
                // Remove what the tests created before the engine goes.
                CiDocker.Run("sh", "-c", $"docker -H {Socket} rm -f $(docker -H {Socket} ps -aq) 2>/dev/null; docker -H {Socket} network prune -f");
                await StopAsync();
            }
        }
        finally
        {
            CiDocker.Run("ip", "netns", "del", Namespace); // removes the veth pair and everything the engine made in it
            CiDocker.Run("rm", "-rf", Root);
        }
    }
}
