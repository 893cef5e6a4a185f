using System.ComponentModel;
using Immutable.Sdk.Framework;

namespace Immutable.Provider;

/// <summary>The <c>provider "immutable"</c> block.</summary>
[Description("The Immutable provider bakes content-addressed container images and rolls them out by replacement, never by patching in place.")]
public sealed record ProviderConfig
{
    /// <summary>Docker Engine API address.</summary>
    [Optional("Address of the Docker Engine API, e.g. `unix:///var/run/docker.sock` or `tcp://127.0.0.1:2375`. Defaults to `DOCKER_HOST`, else the local socket.")]
    public string? Host { get; init; }
}
