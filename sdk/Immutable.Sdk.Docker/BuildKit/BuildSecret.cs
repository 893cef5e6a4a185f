namespace Immutable.Sdk.Docker.BuildKit;

/// <summary>
/// Where a build secret's bytes come from. They are read only when the daemon asks for them during
/// the build (<c>RUN --mount=type=secret,id=NAME</c>), held in memory for the answer, and never
/// logged. <see cref="ToString"/> names the source, never the value.
/// </summary>
public sealed record BuildSecret
{
    private BuildSecret(string? file, string? environmentVariable, byte[]? value)
    {
        File = file;
        EnvironmentVariable = environmentVariable;
        Value = value;
    }

    /// <summary>A file to read, or null.</summary>
    public string? File { get; }

    /// <summary>An environment variable of this process to read, or null.</summary>
    public string? EnvironmentVariable { get; }

    private byte[]? Value { get; }

    /// <summary>The contents of <paramref name="path"/>.</summary>
    public static BuildSecret FromFile(string path) => new(path, null, null);

    /// <summary>The value of the environment variable <paramref name="name"/>.</summary>
    public static BuildSecret FromEnvironment(string name) => new(null, name, null);

    /// <summary>A value given directly (e.g. a sensitive Terraform attribute).</summary>
    public static BuildSecret FromValue(ReadOnlySpan<byte> value) => new(null, null, value.ToArray());

    /// <summary>Why this secret cannot be read right now, or null when it can.</summary>
    public string? Problem()
    {
        if (File is { } path)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
                return null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return $"the file {path} cannot be read: {ex.Message}";
            }
        }

        return EnvironmentVariable is { } name && Environment.GetEnvironmentVariable(name) is null
            ? $"the environment variable {name} is not set"
            : null;
    }

    /// <summary>The secret's bytes. Throws <see cref="IOException"/> or <see cref="InvalidOperationException"/> when the source is gone.</summary>
    public byte[] Read()
    {
        if (File is { } path)
        {
            return System.IO.File.ReadAllBytes(path);
        }

        if (EnvironmentVariable is { } name)
        {
            return Environment.GetEnvironmentVariable(name) is { } text
                ? System.Text.Encoding.UTF8.GetBytes(text)
                : throw new InvalidOperationException($"The environment variable {name} is not set.");
        }

        return (byte[])Value!.Clone();
    }

    /// <inheritdoc />
    public override string ToString() =>
        File is not null ? $"file {File}" : EnvironmentVariable is not null ? $"environment variable {EnvironmentVariable}" : "a value (hidden)";

    /// <inheritdoc />
    public bool Equals(BuildSecret? other) =>
        other is not null && File == other.File && EnvironmentVariable == other.EnvironmentVariable &&
        (Value is null ? other.Value is null : other.Value is not null && Value.AsSpan().SequenceEqual(other.Value));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(File, EnvironmentVariable, Value?.Length);
}
