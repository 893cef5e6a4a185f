namespace Immutable.Processes;

/// <summary>A program ran past its timeout and was killed with its process tree; carries what it printed until then.</summary>
public sealed class ProcessTimeoutException(string command, TimeSpan timeout, ProcessResult partial)
    : TimeoutException($"{command} did not finish within {timeout.TotalSeconds:0} s and was killed:\n{partial.Output}")
{
    /// <summary>The command line, for messages.</summary>
    public string Command { get; } = command;

    /// <summary>What the program printed before it was killed.</summary>
    public ProcessResult Partial { get; } = partial;
}
