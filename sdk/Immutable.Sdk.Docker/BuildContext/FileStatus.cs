using System.Runtime.InteropServices;
using System.Text;

namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>The kind of a directory entry, as <c>lstat</c> sees it (symlinks are not followed).</summary>
internal enum FileKind
{
    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link.</summary>
    Symlink,

    /// <summary>A FIFO, socket or device node.</summary>
    Other,
}

/// <summary>
/// What the hash cache keys on: size, modification and change times in nanoseconds, inode and mode.
/// <see cref="ChangeTimeNs"/> and <see cref="Inode"/> are 0 where the platform does not expose them.
/// </summary>
[StructLayout(LayoutKind.Auto)] // 40 bytes instead of 48: the scan keeps one per file.
internal readonly record struct FileStatus(FileKind Kind, long Size, long ModifiedNs, long ChangeTimeNs, ulong Inode, int Mode)
{
    /// <summary>Reads the status of a path without following a final symlink.</summary>
    /// <exception cref="IOException">The path cannot be examined.</exception>
    public static FileStatus Lstat(string path) =>
        Statx.IsAvailable ? Statx.Lstat(path, null) : FromFileInfo(path);

    /// <summary>Reads the status of <paramref name="name"/> inside <paramref name="directory"/>, without building the joined string.</summary>
    /// <exception cref="IOException">The path cannot be examined.</exception>
    public static FileStatus Lstat(string directory, string name) =>
        Statx.IsAvailable ? Statx.Lstat(directory, name) : FromFileInfo(Path.Join(directory, name));

    /// <summary>
    /// <c>lstat</c> of a NUL-terminated UTF-8 name relative to an open directory descriptor: the kernel
    /// resolves one component instead of the whole path. Linux only (<see cref="Statx.IsAvailable"/>).
    /// </summary>
    /// <exception cref="IOException">The entry cannot be examined.</exception>
    internal static FileStatus LstatAt(int directory, ReadOnlySpan<byte> nameZ) => Statx.At(directory, nameZ, Statx.AtSymlinkNoFollow);

    /// <summary><c>fstat</c> of an open descriptor (statx with <c>AT_EMPTY_PATH</c>). Linux only.</summary>
    /// <exception cref="IOException">The descriptor cannot be examined.</exception>
    internal static FileStatus OfDescriptor(int descriptor) => Statx.At(descriptor, [0], Statx.AtEmptyPath);

    /// <summary>Whether the descriptor-relative calls above are available (Linux with statx).</summary>
    internal static bool HasStatx => Statx.IsAvailable;

    // Portable fallback: no ctime or inode, mtime at 100 ns resolution; the racy-clean rule still holds.
    private static FileStatus FromFileInfo(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists && !Directory.Exists(path) && info.LinkTarget is null)
        {
            throw new FileNotFoundException("No such file or directory", path);
        }

        var attributes = info.Attributes;
        var kind = (attributes & FileAttributes.ReparsePoint) != 0 && info.LinkTarget is not null ? FileKind.Symlink
            : (attributes & FileAttributes.Directory) != 0 ? FileKind.Directory
            : (attributes & FileAttributes.Device) != 0 ? FileKind.Other
            : FileKind.Regular;
        var mode = OperatingSystem.IsWindows() ? (kind == FileKind.Directory ? 0b111_101_101 : 0b110_100_100) : (int)info.UnixFileMode;
        var size = kind == FileKind.Regular ? info.Length : 0;
        var modified = (info.LastWriteTimeUtc.Ticks - DateTime.UnixEpoch.Ticks) * 100;
        return new FileStatus(kind, size, modified, 0, 0, mode);
    }

    /// <summary>
    /// Linux <c>statx(2)</c>, reached through a function pointer so a missing symbol (older glibc, musl
    /// before 1.2.5, other kernels) falls back to the portable path instead of failing. The kernel's
    /// <c>struct statx</c> has one layout on every architecture, unlike <c>struct stat</c>.
    /// </summary>
    private static unsafe class Statx
    {
        private const int AtFdCwd = -100;
        public const int AtSymlinkNoFollow = 0x100;
        public const int AtEmptyPath = 0x1000;
        private const uint BasicStats = 0x7ff;
        private const int BufferSize = 256;
        private static readonly delegate* unmanaged<int, byte*, int, uint, byte*, int> Function = Resolve();

        public static bool IsAvailable => Function != null;

        public static FileStatus Lstat(string path, string? child)
        {
            var length = Encoding.UTF8.GetMaxByteCount(path.Length + 1 + (child?.Length ?? 0)) + 1;
            var name = length <= 2048 ? stackalloc byte[length] : new byte[length];
            var written = Encoding.UTF8.GetBytes(path, name);
            if (child is not null)
            {
                if (written == 0 || name[written - 1] != (byte)'/')
                {
                    name[written++] = (byte)'/';
                }

                written += Encoding.UTF8.GetBytes(child, name[written..]);
            }

            name[written] = 0;
            return Call(AtFdCwd, name, AtSymlinkNoFollow, path, child);
        }

        public static FileStatus At(int directory, ReadOnlySpan<byte> nameZ, int flags) => Call(directory, nameZ, flags, null, null);

        private static FileStatus Call(int directory, ReadOnlySpan<byte> nameZ, int flags, string? path, string? child)
        {
            Span<byte> buffer = stackalloc byte[BufferSize];
            int result;
            int errno;
            fixed (byte* namePointer = nameZ)
            fixed (byte* bufferPointer = buffer)
            {
                Marshal.SetLastSystemError(0);
                result = Function(directory, namePointer, flags, BasicStats, bufferPointer);
                errno = Marshal.GetLastSystemError();
            }

            if (result != 0)
            {
                var what = path is null ? Encoding.UTF8.GetString(nameZ[..^1]) : Path.Join(path, child);
                throw errno switch
                {
                    2 or 20 => new FileNotFoundException("No such file or directory", what),
                    13 => new UnauthorizedAccessException($"Permission denied: '{what}'"),
                    _ => new IOException($"statx failed for '{what}' (errno {errno})"),
                };
            }

            // Offsets from <linux/stat.h>; fields are in native byte order.
            var mode = MemoryMarshal.Read<ushort>(buffer[28..]);
            var kind = (mode & 0xF000) switch
            {
                0x8000 => FileKind.Regular,
                0x4000 => FileKind.Directory,
                0xA000 => FileKind.Symlink,
                _ => FileKind.Other,
            };
            return new FileStatus(
                kind,
                MemoryMarshal.Read<long>(buffer[40..]),
                ReadTimestamp(buffer[112..]),
                ReadTimestamp(buffer[96..]),
                MemoryMarshal.Read<ulong>(buffer[32..]),
                mode & 0xFFF);
        }

        // struct statx_timestamp { __s64 tv_sec; __u32 tv_nsec; __s32 reserved; }
        private static long ReadTimestamp(ReadOnlySpan<byte> bytes) =>
            (MemoryMarshal.Read<long>(bytes) * 1_000_000_000) + MemoryMarshal.Read<uint>(bytes[8..]);

        private static delegate* unmanaged<int, byte*, int, uint, byte*, int> Resolve()
        {
            if (!OperatingSystem.IsLinux())
            {
                return null;
            }

            foreach (var library in (ReadOnlySpan<string>)["libc.so.6", "libc.musl-x86_64.so.1", "libc.musl-aarch64.so.1", "libc"])
            {
                if (NativeLibrary.TryLoad(library, out var handle) && NativeLibrary.TryGetExport(handle, "statx", out var address))
                {
                    return (delegate* unmanaged<int, byte*, int, uint, byte*, int>)address;
                }
            }

            return null;
        }
    }
}
