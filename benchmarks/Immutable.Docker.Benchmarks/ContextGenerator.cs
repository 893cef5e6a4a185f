namespace Immutable.Docker.Benchmarks;

/// <summary>
/// Writes a reproducible synthetic build context: many small source-like files, a few hundred medium
/// ones and a handful of large blobs, all random (incompressible) bytes, spread over nested directories.
/// </summary>
internal static class ContextGenerator
{
    public static (int Files, long Bytes) Ensure(string root, int files, long targetBytes)
    {
        var marker = Path.Combine(root, ".generated");
        var signature = $"{files} {targetBytes} v1";
        if (File.Exists(marker) && File.ReadAllText(marker) == signature)
        {
            return Measure(root);
        }

        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        Directory.CreateDirectory(root);
        var random = new Random(42);
        var large = Math.Max(1, files / 500);
        var medium = Math.Max(1, files / 20);
        var small = files - large - medium;
        // Budget: small files average ~6 KiB, large ones get 25% of the total, medium ones the rest.
        var smallBytes = small * 6L * 1024;
        var largeEach = targetBytes / 4 / large;
        var mediumEach = Math.Max(1024, (targetBytes - smallBytes - (largeEach * large)) / medium);
        var buffer = new byte[largeEach * 2];
        var old = DateTime.UtcNow.AddHours(-1);
        for (var i = 0; i < files; i++)
        {
            var size = i % 500 == 499 ? random.NextInt64(largeEach / 2, largeEach * 3 / 2)
                : i % 20 == 19 ? random.NextInt64(mediumEach / 2, mediumEach * 3 / 2)
                : random.NextInt64(512, 12 * 1024);
            var path = Path.Combine(root, $"pkg{i / 1000:D2}", $"mod{i / 50 % 20:D2}", $"file{i:D5}{(i % 7 == 0 ? ".bin" : ".src")}");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            random.NextBytes(buffer.AsSpan(0, (int)size));
            File.WriteAllBytes(path, buffer.AsSpan(0, (int)size).ToArray());
            // An ordinary working tree: files written a while ago, not in the last second.
            File.SetLastWriteTimeUtc(path, old);
        }

        File.WriteAllText(Path.Combine(root, "Dockerfile"), "FROM scratch\nCOPY . /\n");
        File.WriteAllText(Path.Combine(root, ".dockerignore"), ".generated\n*.tmp\n");
        File.SetLastWriteTimeUtc(Path.Combine(root, "Dockerfile"), old);
        File.SetLastWriteTimeUtc(Path.Combine(root, ".dockerignore"), old);
        File.WriteAllText(marker, signature);
        return Measure(root);
    }

    private static (int Files, long Bytes) Measure(string root)
    {
        var files = new DirectoryInfo(root).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(f => f.Name != ".generated")
            .ToList();
        return (files.Count, files.Sum(f => f.Length));
    }
}
