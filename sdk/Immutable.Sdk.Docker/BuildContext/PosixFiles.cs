using System.Runtime.InteropServices;
using System.Text;

namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>
/// The few libc calls the context scan makes per file, so that a directory is opened once and each of its
/// files is reached by name relative to it (<c>openat</c>, <c>statx</c>): the kernel then resolves one path
/// component instead of the whole path, and no string is built per file. Reached through function pointers
/// like <see cref="FileStatus"/>'s <c>statx</c>; <see cref="IsAvailable"/> is false off Linux, where the
/// scan uses .NET's file APIs instead.
/// </summary>
internal static unsafe class PosixFiles
{
    // O_RDONLY | O_CLOEXEC | O_NONBLOCK: the same values on x86-64 and arm64. O_NONBLOCK keeps a file that
    // was swapped for a FIFO after the walk's lstat from blocking the open; it changes nothing for regular files.
    private const int OpenFlags = 0x80000 | 0x800;
    private const int AtFdCwd = -100;
    private const int Interrupted = 4;

    private static readonly delegate* unmanaged<int, byte*, int, int, int> OpenAtFunction;
    private static readonly delegate* unmanaged<int, byte*, nuint, long, nint> PreadFunction;
    private static readonly delegate* unmanaged<int, int> CloseFunction;

#pragma warning disable CA1810 // The three pointers come from one library lookup.
    static PosixFiles()
#pragma warning restore CA1810
    {
        if (!FileStatus.HasStatx)
        {
            return;
        }

        foreach (var library in (ReadOnlySpan<string>)["libc.so.6", "libc.musl-x86_64.so.1", "libc.musl-aarch64.so.1", "libc"])
        {
            if (NativeLibrary.TryLoad(library, out var handle)
                && NativeLibrary.TryGetExport(handle, "openat", out var openAt)
                && NativeLibrary.TryGetExport(handle, "pread", out var pread)
                && NativeLibrary.TryGetExport(handle, "close", out var close))
            {
                OpenAtFunction = (delegate* unmanaged<int, byte*, int, int, int>)openAt;
                PreadFunction = (delegate* unmanaged<int, byte*, nuint, long, nint>)pread;
                CloseFunction = (delegate* unmanaged<int, int>)close;
                return;
            }
        }
    }

    /// <summary>True on Linux with <c>statx</c>, <c>openat</c>, <c>pread</c> and <c>close</c>.</summary>
    public static bool IsAvailable => OpenAtFunction != null;

    /// <summary>Opens a directory (an absolute path) for reading entries relative to it.</summary>
    /// <exception cref="IOException">It cannot be opened.</exception>
    public static int OpenDirectory(string path)
    {
        var length = Encoding.UTF8.GetMaxByteCount(path.Length) + 1;
        var name = length <= 2048 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(path, name);
        name[written] = 0;
        return OpenAt(AtFdCwd, name[..(written + 1)], path);
    }

    /// <summary>Opens a NUL-terminated UTF-8 name relative to a directory descriptor, read-only.</summary>
    /// <exception cref="IOException">It cannot be opened.</exception>
    public static int OpenAt(int directory, ReadOnlySpan<byte> nameZ, string? describe = null)
    {
        while (true)
        {
            int descriptor;
            int errno;
            fixed (byte* name = nameZ)
            {
                descriptor = OpenAtFunction(directory, name, OpenFlags, 0);
                errno = Marshal.GetLastSystemError();
            }

            if (descriptor >= 0)
            {
                return descriptor;
            }

            if (errno != Interrupted)
            {
                throw Error("open", errno, describe ?? Encoding.UTF8.GetString(nameZ[..^1]));
            }
        }
    }

    /// <summary>Reads at an offset; returns the byte count (0 at the end).</summary>
    /// <exception cref="IOException">The read failed.</exception>
    public static int Read(int descriptor, Span<byte> buffer, long offset)
    {
        while (true)
        {
            nint read;
            int errno;
            fixed (byte* pointer = buffer)
            {
                read = PreadFunction(descriptor, pointer, (nuint)buffer.Length, offset);
                errno = Marshal.GetLastSystemError();
            }

            if (read >= 0)
            {
                return (int)read;
            }

            if (errno != Interrupted)
            {
                throw Error("read", errno, string.Empty);
            }
        }
    }

    /// <summary>Closes a descriptor (errors are meaningless for a read-only one).</summary>
    public static void Close(int descriptor) => _ = CloseFunction(descriptor);

    private static Exception Error(string call, int errno, string what) => errno switch
    {
        2 or 20 => new FileNotFoundException("No such file or directory", what),
        13 or 1 => new UnauthorizedAccessException($"Permission denied: '{what}'"),
        21 => new UnauthorizedAccessException($"Is a directory: '{what}'"),
        _ => new IOException($"{call} failed for '{what}' (errno {errno})"),
    };
}
