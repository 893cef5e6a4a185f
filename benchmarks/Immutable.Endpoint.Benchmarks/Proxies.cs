using System.Text;
using Immutable.Sdk.Docker.Rollouts;

namespace Immutable.Endpoint.Benchmarks;

/// <summary>An endpoint proxy container whose routes change the way the provider changes them.</summary>
internal abstract class Proxy(string name, string configDirectory)
{
    public string Name { get; } = name;

    protected string ConfigDirectory { get; } = configDirectory;

    public abstract string Image { get; }

    public abstract IReadOnlyList<string> Command { get; }

    /// <summary>Writes the configuration for <paramref name="backends"/> (container names, all on <paramref name="lane"/>) and makes the proxy use it.</summary>
    public abstract void Route(long generation, IReadOnlyList<string> backends, string lane, bool reload);

    public void Start(string network, int hostPort, long generation, IReadOnlyList<string> backends, string lane)
    {
        Directory.CreateDirectory(ConfigDirectory);
        Route(generation, backends, lane, reload: false);
        Cli.Docker([
            "run", "-d", "--name", Name, "--network", network, "--label", "immutable-bench=endpoint",
            "-p", $"127.0.0.1:{hostPort}:8000", "-v", $"{ConfigDirectory}:/etc/immutable:ro", Image, .. Command]);
    }

    protected void Write(string file, string text) => File.WriteAllText(Path.Combine(ConfigDirectory, file), text, new UTF8Encoding(false));
}

/// <summary>nginx as the provider runs it today: container IPs pinned, max_fails=0, SIGHUP reload.</summary>
internal sealed class NginxProxy(string name, string configDirectory, string image) : Proxy(name, configDirectory)
{
    public override string Image => image;

    public override IReadOnlyList<string> Command => NginxConfig.Command;

    public override void Route(long generation, IReadOnlyList<string> backends, string lane, bool reload)
    {
        var addresses = backends.Select(b => Backends.Address(b) + ":8080").ToList();
        Write(NginxConfig.FileName, NginxConfig.Render(RouteTable.Only(generation, addresses), 8000, TimeSpan.FromSeconds(10)));
        if (reload)
        {
            Cli.Docker("kill", "-s", "HUP", Name);
        }
    }
}

/// <summary>
/// HAProxy as proposed: lanes (a network alias per generation) through Docker's DNS, checks and retries;
/// a switch sets the lanes' weights through the runtime API. With <paramref name="byReload"/>, each
/// container is a plain server instead and a switch is a seamless SIGUSR2 reload (the alternative measured).
/// </summary>
internal sealed class HaproxyProxy(string name, string configDirectory, string image, IReadOnlyList<string> lanes, bool byReload) : Proxy(name, configDirectory)
{
    private static readonly HealthCheckSpec Health = new("/healthz", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 3);

    private readonly HaproxyEndpoint _endpoint = new(8000, TimeSpan.FromSeconds(10), Health, [.. lanes.Select(l => l + ":8080")], 4);

    public override string Image => image;

    public override IReadOnlyList<string> Command => HaproxyConfig.Command;

    public override void Route(long generation, IReadOnlyList<string> backends, string lane, bool reload)
    {
        var table = byReload
            ? RouteTable.Only(generation, [.. backends.Select(b => b + ":8080")])
            : RouteTable.Only(generation, [.. backends.Select(_ => lane + ":8080")]);
        Write(HaproxyConfig.FileName, HaproxyConfig.Render(table, _endpoint));
        if (!reload)
        {
            return;
        }

        if (byReload)
        {
            Cli.Docker("kill", "-s", "USR2", Name);
        }
        else
        {
            Cli.Docker("exec", Name, "sh", "-c", $"echo \"$0\" | nc {HaproxyConfig.RuntimeApi.Replace(':', ' ')}", HaproxyConfig.WeightCommands(table, _endpoint));
        }
    }
}
