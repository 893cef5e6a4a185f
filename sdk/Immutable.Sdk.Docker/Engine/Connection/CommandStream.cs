using System.Diagnostics;
using System.Text;

namespace Immutable.Sdk.Docker.Engine.Connection;

/// <summary>
/// A connection made of a child process: what is written goes to its stdin, what is read comes
/// from its stdout. When the process ends early (ssh could not log in, the remote has no docker),
/// reading fails with its exit code and stderr as they are, so the user sees ssh's own words.
/// Disposing ends the process.
/// </summary>
internal sealed class CommandStream : Stream
{
    private const int StderrLimit = 8192;
    private readonly Process _process;
    private readonly Stream _input;
    private readonly Stream _output;
    private readonly StringBuilder _stderr = new();
    private readonly string _program;

    private CommandStream(Process process, string program)
    {
        _process = process;
        _program = program;
        _input = process.StandardInput.BaseStream;
        _output = process.StandardOutput.BaseStream;
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is null)
            {
                return;
            }

            lock (_stderr)
            {
                if (_stderr.Length < StderrLimit)
                {
                    _stderr.AppendLine(line.Data);
                }
            }
        };
        process.BeginErrorReadLine();
    }

    /// <summary>Starts <paramref name="program"/>; a missing program is an <see cref="IOException"/> that says so.</summary>
    public static CommandStream Start(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            return new CommandStream(Process.Start(start) ?? throw new IOException($"{program} did not start."), program);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new IOException($"Cannot run {program}: {ex.Message}. Install an OpenSSH client (the `ssh` command) to reach engines at ssh:// addresses.", ex);
        }
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _output.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (read == 0 && buffer.Length > 0)
        {
            await ThrowIfFailedAsync(cancellationToken).ConfigureAwait(false);
        }

        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            await _input.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            await _input.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // A broken pipe means the process ended; its own words say why.
            await ThrowIfFailedAsync(cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => _input.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _input.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            try
            {
                _input.Dispose();
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }

            _process.Dispose();
        }

        base.Dispose(disposing);
    }

    // stdout closed: the process is ending. Wait for it (its stderr is complete only then) and
    // report a failure in its own words; a clean exit is an ordinary end of stream.
    private async Task ThrowIfFailedAsync(CancellationToken cancellation)
    {
        await _process.WaitForExitAsync(cancellation).ConfigureAwait(false);
        if (_process.ExitCode == 0)
        {
            return;
        }

        string stderr;
        lock (_stderr)
        {
            stderr = _stderr.ToString().Trim();
        }

        throw new IOException($"{_program} exited with code {_process.ExitCode}: {(stderr.Length > 0 ? stderr : "(no message)")}");
    }
}
