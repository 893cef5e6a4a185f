namespace Immutable.Sdk.Docker.Engine;

/// <summary>What went wrong talking to the Docker engine, in words a practitioner can act on.</summary>
public enum DockerFailure
{
    /// <summary>The engine could not be reached at all.</summary>
    Unreachable,

    /// <summary>The build failed (a Dockerfile step, a missing file, a bad instruction).</summary>
    BuildFailed,

    /// <summary>The registry refused a push or a lookup (auth, network, unknown repository).</summary>
    RegistryRefused,

    /// <summary>The engine refused an operation (conflict, bad request).</summary>
    Refused,
}

/// <summary>A Docker engine operation failed; <see cref="Exception.Message"/> is written for practitioners.</summary>
public sealed class DockerEngineException(DockerFailure failure, string message, string detail = "", Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The kind of failure.</summary>
    public DockerFailure Failure { get; } = failure;

    /// <summary>Supporting detail (e.g. the tail of the build output).</summary>
    public string Detail { get; } = detail;
}
