namespace Immutable.Processes;

/// <summary>How a program ended and what it printed.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Standard output followed by standard error, trimmed: what a test shows when a command fails.</summary>
    public string Output => (Stdout + Stderr).Trim();

    /// <summary>Whether the program exited with 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>The exit code and both streams, for failure messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
