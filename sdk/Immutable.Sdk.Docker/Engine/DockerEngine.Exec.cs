using Docker.DotNet.Models;

namespace Immutable.Sdk.Docker.Engine;

/// <summary>Running a command inside a container (the endpoint's runtime API and probes), through the engine so remote engines work too.</summary>
public sealed partial class DockerEngine
{
    /// <summary>
    /// Runs <paramref name="command"/> in a running container and returns its exit code and output. The
    /// command must end on its own: cancelling stops waiting for it, not the process inside the container.
    /// </summary>
    public async Task<ExecResult> ExecAsync(string container, IReadOnlyList<string> command, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(command);
#pragma warning disable IMM0005 // by design: commands run only in the endpoint (its runtime API, probes of the network), never in an application container
        var created = await Call(() => _client.Exec.CreateContainerExecAsync(container, new ContainerExecCreateParameters
        {
            Cmd = [.. command],
            AttachStdout = true,
            AttachStderr = true,
        }, cancellation)).ConfigureAwait(false);
#pragma warning restore IMM0005
        using var stream = await Call(() => _client.Exec.StartContainerExecAsync(created.ID, new ContainerExecStartParameters(), cancellation)).ConfigureAwait(false);
        var (stdout, stderr) = await stream.ReadOutputToEndAsync(cancellation).ConfigureAwait(false);
        var inspect = await Call(() => _client.Exec.InspectContainerExecAsync(created.ID, cancellation)).ConfigureAwait(false);
        return new ExecResult(inspect.ExitCode ?? -1, stdout, stderr);
    }
}

/// <summary>How a command run in a container ended.</summary>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Output">What it wrote to stdout.</param>
/// <param name="Error">What it wrote to stderr.</param>
public sealed record ExecResult(long ExitCode, string Output, string Error);
