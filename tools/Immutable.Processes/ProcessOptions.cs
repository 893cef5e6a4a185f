namespace Immutable.Processes;

/// <summary>How to run a program; every setting is optional.</summary>
public sealed record ProcessOptions
{
    /// <summary>How long the program may run before its whole process tree is killed.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The working directory, or null for the current one.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables to set; a null value removes the variable.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Text written to standard input, which is closed either way (so nothing waits for a terminal).</summary>
    public string? Stdin { get; init; }

    /// <summary>How long the program may run; <see cref="DefaultTimeout"/> when null.</summary>
    public TimeSpan? Timeout { get; init; }
}
