namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>How <see cref="ContextScanner"/> reads a context.</summary>
public sealed record ContextScanOptions
{
    /// <summary>
    /// Where file-hash caches live (one file per context root); null disables the persistent cache.
    /// <see cref="DefaultCacheDirectory"/> is the usual choice.
    /// </summary>
    public string? CacheDirectory { get; init; }

    /// <summary>How many files are hashed at once; defaults to the processor count.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>See <see cref="FileHashCache.RacyMargin"/>.</summary>
    public TimeSpan RacyMargin { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The clock used to stamp cache records (tests substitute it).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// <c>$XDG_CACHE_HOME/immutable/context</c>, else <c>~/.cache/immutable/context</c> (the local
    /// application data folder on Windows; the temporary directory when there is no home).
    /// </summary>
    public static string DefaultCacheDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var baseDirectory = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg) ? xdg
            : OperatingSystem.IsWindows() ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
            : home.Length > 0 ? Path.Combine(home, ".cache")
            : Path.GetTempPath();
        return Path.Combine(baseDirectory, "immutable", "context");
    }
}
