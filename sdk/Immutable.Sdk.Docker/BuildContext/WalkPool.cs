using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>
/// Runs the walk's directories on a few threads: a shared stack of directories to list (newest first, so a
/// worker stays deep in one subtree while another takes what is left higher up), and a count of directories
/// not yet listed that ends the walk when it reaches zero. The calling thread is one of the workers.
/// </summary>
internal sealed class WalkPool
{
    private readonly ConcurrentStack<WalkNode> _waiting = new();
    private readonly SemaphoreSlim _ready = new(0);
    private readonly Action<WalkNode, Action<WalkNode>> _list;
    private readonly Action<WalkNode> _enter;
    private readonly List<BuildContextException> _errors = [];
    private readonly int _workers;
    private readonly CancellationToken _cancellation;
    private Exception? _failure;
    private int _unlisted;
    private volatile bool _stopping;

    private WalkPool(int workers, Action<WalkNode, Action<WalkNode>> list, CancellationToken cancellation)
    {
        _workers = workers;
        _list = list;
        _cancellation = cancellation;
        _enter = Enter;
    }

    /// <summary>Lists <paramref name="top"/> and every directory <paramref name="list"/> enters below it.</summary>
    /// <exception cref="BuildContextException">The first failing directory in path order.</exception>
    public static void Run(WalkNode top, int workers, Action<WalkNode, Action<WalkNode>> list, CancellationToken cancellation)
    {
        var pool = new WalkPool(workers, list, cancellation);
        pool.Enter(top);
        var helpers = new Task[workers - 1];
        for (var i = 0; i < helpers.Length; i++)
        {
            helpers[i] = Task.Run(pool.Work, CancellationToken.None);
        }

        pool.Work();
        Task.WaitAll(helpers, CancellationToken.None);
        pool._ready.Dispose();
        cancellation.ThrowIfCancellationRequested();
        if (pool._errors.Count > 0)
        {
            // The one a walk in path order would have met first, whichever thread met it.
            throw pool._errors.MinBy(e => e.Path, PathOrder.Instance)!;
        }

        if (pool._failure is not null)
        {
            ExceptionDispatchInfo.Throw(pool._failure);
        }
    }

    private void Enter(WalkNode directory)
    {
        Interlocked.Increment(ref _unlisted);
        _waiting.Push(directory);
        _ready.Release();
    }

    private void Work()
    {
        while (true)
        {
            // One release per directory pushed, and one per worker when the last is listed.
            _ready.Wait(CancellationToken.None);
            if (!_waiting.TryPop(out var directory))
            {
                return;
            }

            try
            {
                if (!_stopping)
                {
                    _cancellation.ThrowIfCancellationRequested();
                    _list(directory, _enter);
                }
            }
            catch (Exception e)
            {
                Fail(e);
            }

            if (Interlocked.Decrement(ref _unlisted) == 0)
            {
                _ready.Release(_workers);
            }
        }
    }

    // A context error is recorded and the walk goes on, so the one reported does not depend on timing;
    // anything else (cancellation, a bug) stops the listing: what is still queued is only drained.
    private void Fail(Exception e)
    {
        lock (_errors)
        {
            if (e is BuildContextException context)
            {
                _errors.Add(context);
                return;
            }

            _failure ??= e;
        }

        _stopping = true;
    }
}
