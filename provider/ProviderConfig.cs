using System.Collections.Immutable;
using System.ComponentModel;
using Immutable.Sdk.Framework;

namespace Immutable.Provider;

/// <summary>The <c>provider "immutable"</c> block.</summary>
[Description("The Immutable provider bakes content-addressed container images and rolls them out by replacement, never by patching in place.")]
public sealed record ProviderConfig
{
    [Optional("Address of the Docker Engine API, e.g. `unix:///var/run/docker.sock` or `tcp://127.0.0.1:2375`. Defaults to `DOCKER_HOST`, else the local socket.")]
    public string? Host { get; init; }

    [Optional("The nginx image `immutable_rollout` endpoints run unless they set `endpoint.proxy_image`. Defaults to `IMMUTABLE_PROXY_IMAGE`, else `nginx:1.27-alpine`; pin it by digest in production.")]
    public string? ProxyImage { get; init; }

    [Optional("Credentials for registries the provider pushes to. Entries here take precedence over `auths` in `~/.docker/config.json` (or `$DOCKER_CONFIG/config.json`), which are used too.")]
    public ImmutableArray<RegistryAuthConfig>? RegistryAuth { get; init; }
}

/// <summary>Credentials for one registry.</summary>
public sealed record RegistryAuthConfig
{
    [Required("Registry address as it appears in image names, e.g. `127.0.0.1:5000` or `ghcr.io`.")]
    public string? Address { get; init; }

    [Required("User name.")]
    public string? Username { get; init; }

    [Required("Password or token. Never logged."), Sensitive]
    public string? Password { get; init; }
}
