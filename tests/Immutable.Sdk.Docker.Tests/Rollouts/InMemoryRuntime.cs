using System.Globalization;
using Immutable.Sdk.Docker.Rollouts;

namespace Immutable.Sdk.Docker.Tests.Rollouts;

/// <summary>
/// A FAKE runtime, in memory, for fast unit tests of <see cref="RolloutEngine"/> beside the real-Docker
/// end-to-end tests. It keeps what a real runtime keeps (generations, the endpoint's route table) plus what
/// only a test can see: which generations may still have requests in flight (routed by a table whose drain
/// did not finish), every removal made while requests could still reach a generation (a failed request in
/// real life), and an ordered log of calls. It can fail an operation (the runtime refuses; the process lives)
/// or kill the process at a named point: the effect so far stays, and every later call of that process fails.
/// </summary>
internal sealed class InMemoryRuntime : IRolloutRuntime
{
    private readonly Dictionary<long, GenerationFacts> _generations = [];
    private readonly HashSet<long> _inFlight = [];
    private int _started;

    public string Service { get; init; } = "api";

    /// <summary>The route table the endpoint serves.</summary>
    public RouteTable Routes { get; private set; } = RouteTable.Empty;

    public bool EndpointExists { get; private set; }

    public IReadOnlyDictionary<long, GenerationFacts> Generations => _generations;

    /// <summary>Every call in order, e.g. <c>start g2</c>, <c>probe g2-0</c>, <c>route g1=75 g2=25</c>, <c>remove g1 (5s)</c>.</summary>
    public List<string> Calls { get; } = [];

    /// <summary>Removals that would have failed requests: the generation was routed, or an unfinished drain still sent it requests.</summary>
    public List<string> Violations { get; } = [];

    /// <summary>How each instance answers a probe; healthy by default.</summary>
    public Func<InstanceFacts, ProbeResult> Probe { get; set; } = _ => ProbeResult.Healthy;

    /// <summary>How many instances a start brings up; all replicas when null (a Swarm that schedules only some tasks in time).</summary>
    public int? StartOnly { get; set; }

    /// <summary>Fails the call whose description starts with this (the runtime refuses; the provider lives on).</summary>
    public string? FailAt { get; set; }

    /// <summary>Kills the provider process at the point whose description starts with this.</summary>
    public string? KillAt { get; set; }

    /// <summary>Which match of <see cref="KillAt"/> kills (1: the first).</summary>
    public int KillOccurrence { get; set; } = 1;

    /// <summary>True once the process was killed: nothing it does reaches the runtime any more.</summary>
    public bool Dead { get; private set; }

    /// <summary>A new provider process over the same runtime (after a kill).</summary>
    public void Restart()
    {
        Dead = false;
        KillAt = null;
        KillOccurrence = 1;
        FailAt = null;
    }

    public Task<ServiceSnapshot> ObserveAsync(string service, CancellationToken cancellation)
    {
        Point("observe");
        return Task.FromResult(new ServiceSnapshot(
            EndpointExists ? Routes : RouteTable.Empty,
            new EndpointFacts($"{service}-endpoint", EndpointExists, EndpointExists),
            _generations.ToDictionary(g => g.Key, g => g.Value)));
    }

    public Task<IReadOnlyList<RolloutProblem>> CheckEndpointAsync(string service, int? hostPort, CancellationToken cancellation) =>
        Task.FromResult<IReadOnlyList<RolloutProblem>>([]);

    public Task<bool> PrepareEndpointAsync(RolloutSpec spec, RouteTable routes, CancellationToken cancellation)
    {
        Point("endpoint");
        if (EndpointExists)
        {
            return Task.FromResult(false);
        }

        EndpointExists = true;
        Routes = routes;
        return Task.FromResult(true);
    }

    public Task<GenerationFacts> StartGenerationAsync(RolloutSpec spec, long generation, CancellationToken cancellation)
    {
        Point($"start g{generation}");
        var instances = Enumerable.Range(0, StartOnly ?? spec.Replicas).Select(i => new InstanceFacts
        {
            Id = $"id-{spec.Service}-g{generation}-{i}",
            Name = $"{spec.Service}-g{generation}-{i}",
            ImageId = spec.Image,
            Running = true,
            Status = "running",
            StartedAt = DateTimeOffset.UnixEpoch.AddSeconds(++_started),
        }).ToList();
        var facts = new GenerationFacts(generation, instances, [.. instances.Select(i => $"{i.Name}:{spec.Port}")], spec.Recipe);
        _generations[generation] = facts;
        Point($"started g{generation}");
        return Task.FromResult(facts);
    }

    public Task<ProbeResult> ProbeAsync(RolloutSpec spec, InstanceFacts instance, CancellationToken cancellation)
    {
        Point($"probe {instance.Name[(spec.Service.Length + 1)..]}");
        var alive = _generations.Values.Any(g => g.Instances.Any(i => i.Id == instance.Id));
        return Task.FromResult(alive ? Probe(instance) : new ProbeResult($"{instance.Name} was removed", Fatal: true));
    }

    public Task RouteAsync(string service, int port, RouteTable routes, TimeSpan drain, CancellationToken cancellation)
    {
        var text = "route " + Describe(routes);
        Point(text);
        if (!EndpointExists)
        {
            throw new InvalidOperationException("no endpoint to route");
        }

        // The new table serves at once; requests already sent to the old table's generations finish while it drains.
        _inFlight.UnionWith(Routes.Routes.Where(r => r.Weight > 0).Select(r => r.Generation));
        Routes = routes;
        Point("drain after " + text);
        _inFlight.Clear();
        return Task.CompletedTask;
    }

    public Task RemoveAsync(GenerationFacts generation, TimeSpan grace, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(generation);
        var text = $"remove g{generation.Number} ({DurationText.Format(grace)})";
        Point(text);
        if ((EndpointExists && Routes.RoutesTo(generation.Number)) || _inFlight.Contains(generation.Number))
        {
            Violations.Add($"{text} while requests could reach it");
        }

        if (_generations.TryGetValue(generation.Number, out var current))
        {
            // A generation none of whose instances started (a service with no task yet) goes as a whole.
            if (current.Instances.Count == 0)
            {
                _generations.Remove(generation.Number);
            }

            // Instances go one by one: a kill in between leaves the rest.
            foreach (var instance in current.Instances)
            {
                var rest = _generations[generation.Number].Instances.Where(i => i.Id != instance.Id).ToList();
                _generations[generation.Number] = current with { Instances = rest };
                if (rest.Count == 0)
                {
                    _generations.Remove(generation.Number);
                }

                Point($"removed {instance.Name[(Service.Length + 1)..]}");
            }
        }

        return Task.CompletedTask;
    }

    public Task RemoveEndpointAsync(string service, CancellationToken cancellation)
    {
        Point("remove endpoint");
        EndpointExists = false;
        Routes = RouteTable.Empty;
        return Task.CompletedTask;
    }

    public Task<string> LogTailAsync(InstanceFacts instance, CancellationToken cancellation) =>
        Task.FromResult($"last words of {instance.Name}");

    /// <summary>Makes a generation look changed outside Terraform.</summary>
    public void Tamper(long generation, Func<GenerationFacts, GenerationFacts> change) =>
        _generations[generation] = change(_generations[generation]);

    public static string Describe(RouteTable routes) =>
        routes.Routes.Count == 0 ? "none" : string.Join(' ', routes.Routes.Select(r => string.Create(CultureInfo.InvariantCulture, $"g{r.Generation}={r.Weight}")));

    private void Point(string description)
    {
        if (Dead)
        {
            throw new ProcessKilledException($"{description}: the process is gone");
        }

        Calls.Add(description);
        if (KillAt is { } kill && description.StartsWith(kill, StringComparison.Ordinal) && --KillOccurrence == 0)
        {
            Dead = true;
            throw new ProcessKilledException($"killed at {description}");
        }

        if (FailAt is { } fail && description.StartsWith(fail, StringComparison.Ordinal))
        {
            FailAt = null;
            throw new RolloutException(RolloutField.None, "Runtime refused", $"the runtime refused {description}");
        }
    }
}

/// <summary>Stands for SIGKILL in the fake: the process stops here and does nothing more.</summary>
internal sealed class ProcessKilledException(string message) : Exception(message);
