using Immutable.Sdk.Docker.BuildKit;
using Immutable.Sdk.Docker.Engine;
using Immutable.Sdk.Docker.Engine.Credentials;
using Immutable.Sdk.Docker.Images;
using Immutable.Sdk.Docker.Rollouts;
using Immutable.Sdk.Docker.Rollouts.Swarm;
using Microsoft.Extensions.Logging;

namespace Immutable.Provider;

/// <summary>What every resource of the provider works with once the provider block is configured.</summary>
public sealed class ProviderServices(DockerEngine engine, RegistryCredentialStore credentials, string cacheDirectory, string proxyImage) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Lazy<BuildKitBuilder> _buildKit = new(() => new BuildKitBuilder(engine.Connection));

    /// <summary>Probes containers directly (never through an HTTP proxy from the environment).</summary>
    public HttpClient ProbeClient { get; } = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>The proxy image endpoints use unless a rollout names its own.</summary>
    public string ProxyImage { get; } = proxyImage;

    /// <summary>The Docker engine adapter (connects lazily: an unreachable engine fails the operation that needs it).</summary>
    public DockerEngine Engine { get; } = engine;

    /// <summary>Registry credentials.</summary>
    public RegistryCredentialStore Credentials { get; } = credentials;

    /// <summary>The rollout engine over one Docker host.</summary>
    public RolloutEngine Rollouts(Action<string> log) =>
        new(new DockerHostRuntime(Engine, new HealthProbe(Engine), log), log);

    /// <summary>The rollout engine over the runtime a rollout chose: one Docker host, or the Swarm the engine manages (<paramref name="swarm"/> set).</summary>
    public RolloutEngine Rollouts(SwarmSettings? swarm, Action<string> log) => swarm is null
        ? Rollouts(log)
        : new(new SwarmRuntime(Engine, swarm, ProbeClient, EngineHost, Registry, log), log);

    /// <summary>Where the engine's published ports are reached: its host for tcp:// and ssh:// engines, loopback for a local socket.</summary>
    private string EngineHost => Engine.Endpoint.Scheme is "tcp" or "http" or "https" or "ssh" && Engine.Endpoint.Host.Length > 0 ? Engine.Endpoint.Host : "127.0.0.1";

    /// <summary>Talks to registries directly, to verify what they serve.</summary>
    public RegistryClient Registry => new(_http);

    /// <summary>Where plan-time caches (build-context hashes) live.</summary>
    public string CacheDirectory { get; } = cacheDirectory;

    /// <summary>
    /// The image engine with the named builder (<c>buildkit</c>, the default, or <c>classic</c>). BuildKit
    /// logs its steps at information and their output at debug; the classic builder's output and
    /// push progress go to <paramref name="logger"/> at debug.
    /// </summary>
    public ImageBuilder Images(ILogger logger, string? builder = null)
    {
        // Without a choice, engines BuildKit cannot reach here (other transports) build classically.
        IImageBuildBackend backend = builder == ImageBuilders.Classic || (builder is null && !BuildKitBuilder.Supports(Engine.Connection))
            ? new ClassicBuildBackend(Engine)
            : new BuildKitBuildBackend(_buildKit.Value, Credentials.ForHost, logger);
        return new(Engine, Registry, Credentials, backend, CacheDirectory, (phase, line) =>
        {
            if (phase == ImagePhase.Push)
            {
                logger.LogDebug("push: {Line}", line);
            }
            else
            {
                logger.LogDebug("build: {Line}", line);
            }
        });
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Engine.Dispose();
        if (_buildKit.IsValueCreated)
        {
            _buildKit.Value.Dispose();
        }

        _http.Dispose();
        ProbeClient.Dispose();
    }
}
