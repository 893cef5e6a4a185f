using System.Globalization;
using Immutable.Endpoint.Benchmarks;
using Immutable.Sdk.Testing;

// Failed requests at the endpoint, per proxy: (a) raw keep-alive GET clients that never retry and
// (b) POSTs in flight, across traffic switches; (c) a GET loop while a replica is killed; (d) a GET
// loop while a replica hangs (docker pause). The decision this informs: docs/design/endpoint-proxy.md.
// Usage: dotnet run -c Release --project benchmarks/Immutable.Endpoint.Benchmarks -- [nginx|haproxy ...] [--switches 10] [--port 18201]
var c = CultureInfo.InvariantCulture;
var proxies = args.Where(a => a is "nginx" or "haproxy" or "haproxy-reload").ToList();
if (proxies.Count == 0)
{
    proxies = ["nginx", "haproxy-reload", "haproxy"];
}

var switches = Option("--switches", 10);
var basePort = Option("--port", 18201);
var pauseSeconds = Option("--pause", 25);
var switchesOnly = args.Contains("--switches-only");
var baseline = args.Contains("--baseline"); // same load and timing, but no switch: failures the harness itself causes
var root = Directory.CreateTempSubdirectory("endpoint-bench").FullName;
Backends.Build(root);
var exit = 0;
foreach (var (kind, index) in proxies.Select((p, i) => (p, i)))
{
    var id = "eb" + Guid.NewGuid().ToString("N")[..6];
    var network = id + "-net";
    var blue = Enumerable.Range(0, 3).Select(i => $"{id}-g1-{i}").ToList();
    var green = Enumerable.Range(0, 3).Select(i => $"{id}-g2-{i}").ToList();
    var port = basePort + index;
    string[] lanes = [id + "-lane0", id + "-lane1"];
    Proxy proxy = kind == "nginx"
        ? new NginxProxy(id + "-endpoint", Path.Combine(root, id), "immutable-test/proxy:nginx")
        : new HaproxyProxy(id + "-endpoint", Path.Combine(root, id), "immutable-test/proxy:haproxy", lanes, byReload: kind == "haproxy-reload");
    try
    {
        Cli.Docker("network", "create", "--label", "immutable-bench=endpoint", network);
        foreach (var backend in blue)
        {
            Backends.Run(backend, network, lanes[0]);
        }

        foreach (var backend in green)
        {
            Backends.Run(backend, network, lanes[1]);
        }

        proxy.Start(network, port, 1, blue, lanes[0]);
        var get = new Uri($"http://127.0.0.1:{port}/");
        var post = new Uri($"http://127.0.0.1:{port}/cgi-bin/post");
        await WaitServingAsync(get);
        Console.WriteLine($"== {kind} ({proxy.Image}) on {get}");

        // (a) + (b): blue-green switches under non-retrying keep-alive GETs and POSTs.
        await using (var gets = new RawKeepAliveLoop(get, 8))
        await using (var posts = new RawKeepAliveLoop(post, 4, "POST"))
        {
            await Task.Delay(1000);
            var switchedAt = new List<long>();
            for (var s = 1; s <= switches; s++)
            {
                switchedAt.Add((long)gets.Elapsed.TotalMilliseconds);
                var generation = s % 2 == 1 ? 2 : 1;
                if (!baseline)
                {
                    proxy.Route(generation, generation == 2 ? green : blue, lanes[generation - 1], reload: true);
                }

                await Task.Delay(1500);
            }

            await Task.Delay(1000);
            await gets.StopAsync();
            await posts.StopAsync();
            Report("(a) raw keep-alive GET", gets, switches, switchedAt);
            Report("(b) raw keep-alive POST", posts, switches, switchedAt);
        }

        if (switchesOnly)
        {
            continue;
        }

        // Back to blue for the replica scenarios.
        proxy.Route(1, blue, lanes[0], reload: true);
        await Task.Delay(2000);

        // (c) a replica crashes (docker kill) and comes back (docker start) under GET load.
        await using (var load = new LoadLoop(get, 8))
        await using (var raw = new RawKeepAliveLoop(get, 8))
        {
            for (var round = 0; round < 3; round++)
            {
                await Task.Delay(1000);
                Cli.Docker("kill", blue[round]);
                await Task.Delay(4000);
                Cli.Docker("start", blue[round]);
                await Task.Delay(3000);
            }

            await load.StopAsync();
            await raw.StopAsync();
            Console.WriteLine(string.Create(c, $"(c) kill 3x one of 3 replicas: HttpClient GET loop {load.Failures.Count} failed of {load.Answers.Count + load.Failures.Count} ({load.RequestsPerSecond:F0} rps); raw GET {raw.Failures.Count} failed of {raw.Answers.Count + raw.Failures.Count}"));
            Show(load.Failures.Select(f => f));
            Show(raw.Failures.Select(f => f.What));
        }

        // (d) a replica hangs (docker pause), then answers again. The clients give up on a request after 10 s,
        // so a pause longer than that shows whether the hung replica keeps receiving new requests.
        var hung = blue[2];
        await using (var load = new LoadLoop(get, 8))
        {
            await Task.Delay(2000);
            var before = load.Answers.Count;
            Cli.Docker("pause", hung);
            await Task.Delay(TimeSpan.FromSeconds(pauseSeconds - 10));
            var late = load.Answers.Count;
            await Task.Delay(10_000);
            var during = load.Answers.Count - before;
            var lastTen = load.Answers.Count - late;
            Cli.Docker("unpause", hung);
            var unpausedAt = load.Elapsed.TotalMilliseconds;
            await Task.Delay(6000);
            await load.StopAsync();
            var back = load.Answers.Where(a => a.At > unpausedAt && a.Body == hung).Select(a => a.At - unpausedAt).DefaultIfEmpty(-1).Min();
            Console.WriteLine(string.Create(c, $"(d) pause 1 of 3 replicas for {pauseSeconds} s: {load.Failures.Count} failed; {during / (double)pauseSeconds:F0} rps answered during the pause, {lastTen / 10.0:F0} rps in its last 10 s (before: {before / 2.0:F0} rps); paused replica answers again {(back < 0 ? "never (within 6 s)" : back.ToString("F0", c) + " ms")} after unpause"));
            Show(load.Failures.Select(f => f));
        }
    }
    catch (Exception ex)
    {
        Console.WriteLine($"{kind}: {ex.Message}");
        exit = 1;
    }
    finally
    {
        // The proxy's own log, for failures worth a closer look.
        File.WriteAllText(Path.Combine(Path.GetTempPath(), $"endpoint-bench-{kind}.log"), Cli.Try("logs", proxy.Name).Output);
        Cli.Try("rm", "-f", proxy.Name);
        foreach (var backend in blue.Concat(green))
        {
            Cli.Try("rm", "-f", backend);
        }

        Cli.Try("network", "rm", network);
    }
}

Directory.Delete(root, recursive: true);
return exit;

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], c) : fallback;
}

static async Task WaitServingAsync(Uri endpoint)
{
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
    for (var attempt = 0; attempt < 100; attempt++)
    {
        try
        {
            if ((await http.GetAsync(endpoint)).IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
        }

        await Task.Delay(200);
    }

    throw new InvalidOperationException($"{endpoint} did not serve");
}

static void Report(string what, RawKeepAliveLoop loop, int switches, List<long> switchedAt)
{
    // Both loops started together; when a failure happened relative to the switch before it.
    var offsets = loop.Failures.Select(f => f.At - switchedAt.Where(s => s <= f.At).DefaultIfEmpty(0).Max()).ToList();
    var total = loop.Answers.Count + loop.Failures.Count;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {loop.Failures.Count} failed of {total} in {switches} switches ({(double)loop.Failures.Count / switches:F1} per switch); {loop.GracefulCloses} graceful closes"));
    Show(loop.Failures.Select(f => f.What));
    if (offsets.Count > 0)
    {
        Console.WriteLine($"      ms after the switch command: {string.Join(", ", offsets)}");
    }
}

static void Show(IEnumerable<string> failures)
{
    foreach (var group in failures.GroupBy(f => f.Length > 90 ? f[..90] : f).OrderByDescending(g => g.Count()).Take(4))
    {
        Console.WriteLine($"      {group.Count()} x {group.Key}");
    }
}
