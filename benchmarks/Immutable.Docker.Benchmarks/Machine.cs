using System.Diagnostics;
using Immutable.Processes;

namespace Immutable.Docker.Benchmarks;

/// <summary>The bits of the host the figures depend on.</summary>
internal static class Machine
{
    /// <summary>Drops the page cache (root on Linux only) so the next read comes from disk.</summary>
    public static bool TryDropCaches()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            Run("sync");
            File.WriteAllText("/proc/sys/vm/drop_caches", "3\n");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>This process's peak resident set (VmHWM) in KiB, or -1 where /proc is missing.</summary>
    public static long PeakRssKib()
    {
        const string status = "/proc/self/status";
        var line = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) : null;
        return line is null ? -1 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The 1, 5 and 15 minute load averages.</summary>
    public static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>Runs this program's <c>replan-once</c> in a new process and returns the scan time it reports.</summary>
    public static double ReplanInFreshProcess(string directory, string cacheDirectory)
    {
        var self = Environment.ProcessPath!;
        // Under "dotnet program.dll" the host is the process; pass the assembly first.
        string[] assembly = Path.GetFileNameWithoutExtension(self) == "dotnet" ? [Path.Combine(AppContext.BaseDirectory, "Immutable.Docker.Benchmarks.dll")] : [];
        var result = ProcessRunner.Run(self, [.. assembly, "replan-once", "--dir", directory, "--cache", cacheDirectory]);
        var output = result.Succeeded ? result.Stdout : throw new InvalidOperationException($"replan-once failed: {result}");
        return double.Parse(output.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a shell command and returns how long it took.</summary>
    public static TimeSpan Run(string command)
    {
        var clock = Stopwatch.StartNew();
        var result = ProcessRunner.Run("/bin/sh", ["-c", command]);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"'{command}' exited with {result.ExitCode}: {result.Output}");
        }

        return clock.Elapsed;
    }
}

/// <summary>A sink that only counts and hashes bytes.</summary>
internal sealed class CountingStream : Stream
{
    private readonly System.Security.Cryptography.IncrementalHash _sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);

    public long Count { get; private set; }

    /// <summary>SHA-256 of everything written, to compare tars across processes and machines.</summary>
    public string Sha256 => Convert.ToHexStringLower(_sha.GetCurrentHash());

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => Count;

    public override long Position
    {
        get => Count;
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _sha.AppendData(buffer);
        Count += buffer.Length;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sha.Dispose();
        }

        base.Dispose(disposing);
    }
}
