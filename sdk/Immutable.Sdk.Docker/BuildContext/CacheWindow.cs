using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>
/// One worker's view of the hash cache: a run of consecutive records read from the file, and a cursor
/// into it. Lookups come in path order, so the cursor usually sits on the record wanted.
/// </summary>
internal sealed class CacheWindow
{
    private readonly List<int> _offsets = [];
    private int _cursor;

    /// <summary>The window's records, as in the file.</summary>
    public byte[] Bytes { get; private set; } = [];

    /// <summary>Which of the cache's windows is loaded, or -1.</summary>
    public int Index { get; private set; } = -1;

    /// <summary>Reads a window's bytes and indexes its records.</summary>
    /// <exception cref="IOException">The cache file cannot be read.</exception>
    public void Read(SafeFileHandle file, int index, long start, int length)
    {
        if (Bytes.Length < length)
        {
            Bytes = new byte[Math.Max(length, 16 * 1024)];
        }

        var read = 0;
        while (read < length)
        {
            var count = RandomAccess.Read(file, Bytes.AsSpan(read, length - read), start + read);
            if (count == 0)
            {
                throw new IOException("the cache file is shorter than when it was checked");
            }

            read += count;
        }

        _offsets.Clear();
        for (var offset = 0; offset < length;)
        {
            _offsets.Add(offset);
            offset += 4 + BinaryPrimitives.ReadInt32LittleEndian(Bytes.AsSpan(offset)) + FileHashCacheFormat.NumbersLength + FileHashCacheFormat.HashLength;
        }

        Index = index;
        _cursor = 0;
    }

    /// <summary>The offset in <see cref="Bytes"/> of the record for <paramref name="path"/>, or -1.</summary>
    public int Find(ReadOnlySpan<byte> path)
    {
        if (_cursor > 0 && _cursor <= _offsets.Count && PathAt(_cursor - 1).SequenceCompareTo(path) >= 0)
        {
            _cursor = 0; // An earlier path than the last one: search again from the start.
        }

        for (; _cursor < _offsets.Count; _cursor++)
        {
            var order = PathAt(_cursor).SequenceCompareTo(path);
            if (order == 0)
            {
                return _offsets[_cursor++];
            }

            if (order > 0)
            {
                return -1;
            }
        }

        return -1;
    }

    private ReadOnlySpan<byte> PathAt(int record) => FileHashCacheFormat.PathAt(Bytes, _offsets[record]);
}
