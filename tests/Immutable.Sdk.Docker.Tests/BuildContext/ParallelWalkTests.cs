using System.Text;
using Immutable.Sdk.Docker.BuildContext;

namespace Immutable.Sdk.Docker.Tests.BuildContext;

/// <summary>
/// The walk lists directories on several threads and merges each directory's sorted children. Whatever
/// the number of workers, it must give the same entries in the same order as one worker, and that order
/// must be the byte order of the full paths (names that sort around a directory's '/' included).
/// </summary>
public sealed class ParallelWalkTests : IDisposable
{
    private readonly TempTree _tree = new();

    public ParallelWalkTests()
    {
        _tree.File("Dockerfile", "FROM scratch\n");
        _tree.File(".dockerignore", "build\nnode_modules\n!node_modules/keep/**\n**/*.log\n!**/important.log\n");
        // Wide: 40 directories of 30 files; deep: 25 levels.
        for (var d = 0; d < 40; d++)
        {
            for (var f = 0; f < 30; f++)
            {
                _tree.File($"wide/d{d:00}/f{f:00}.txt", $"{d} {f}");
            }
        }

        var deep = "deep";
        for (var level = 0; level < 25; level++)
        {
            deep += $"/l{level}";
            _tree.File(deep + "/file", level.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        // Names sorting just before and after "a/" (0x2F): "a!" "a.txt" "a-" < "a/..." < "a0" "a~".
        foreach (var name in new[] { "a!", "a.txt", "a-", "a0", "a~", "a/b!", "a/b.c", "a/b/c", "a/b0", "ab", "ü/x", "z" })
        {
            _tree.File(name, name);
        }

        _tree.File("build/out.o");
        _tree.File("build/sub/out.o");
        _tree.File("node_modules/x/index.js");
        _tree.File("node_modules/keep/lib/index.js");
        _tree.File("node_modules/keep/lib/debug.log");
        _tree.File("wide/d03/debug.log");
        _tree.File("wide/d03/important.log");
        _tree.Dir("empty/inner");
        _tree.Link("wide/link-to-dir", "d01");
        _tree.Link("deep/link-to-file", "l0/file");
        _tree.Link("a/dir-link", "b");
    }

    public void Dispose() => _tree.Dispose();

    private ContextSnapshot Scan(int workers) => ContextScanner.Scan(
        new BuildInputs { ContextDirectory = _tree.Root },
        new ContextScanOptions { MaxParallelism = workers });

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void ManyWorkersGiveTheTableOfOne(int workers)
    {
        var one = Scan(1);
        var many = Scan(workers);
        var describedOne = ContextDigest.Describe(one.Inputs, one.Dockerfile, one.Entries, one.IgnoreFile);
        var describedMany = ContextDigest.Describe(many.Inputs, many.Dockerfile, many.Entries, many.IgnoreFile);
        Assert.Equal(describedOne, describedMany);
        Assert.Equal(one.Digest, many.Digest);
    }

    [Fact]
    public void EntriesAreInFullPathByteOrder()
    {
        var paths = Scan(4).Entries.Select(e => e.Path).ToList();
        var byBytes = paths.OrderBy(p => Encoding.UTF8.GetBytes(p), Comparer<byte[]>.Create((x, y) => x.AsSpan().SequenceCompareTo(y))).ToList();
        Assert.Equal(byBytes, paths);
        Assert.Equal(["a", "a!", "a-", "a.txt", "a/b", "a/b!", "a/b.c", "a/b/c", "a/b0", "a/dir-link", "a0", "ab", "a~"], paths.Where(p => p.StartsWith('a')));
    }

    [Fact]
    public void IgnoredSubtreesAndReincludedFilesComeOutTheSameOnEveryThreadCount()
    {
        var entries = Scan(4).Entries.ToDictionary(e => e.Path);
        Assert.DoesNotContain("build", entries.Keys);
        Assert.DoesNotContain("node_modules/x", entries.Keys);
        Assert.DoesNotContain("node_modules/x/index.js", entries.Keys);
        Assert.Equal(ContextEntryKind.Directory, entries["node_modules"].Kind);
        Assert.Contains("node_modules/keep/lib/index.js", entries.Keys);
        Assert.DoesNotContain("node_modules/keep/lib/debug.log", entries.Keys); // "**/*.log" comes after the exception
        Assert.DoesNotContain("wide/d03/debug.log", entries.Keys);
        Assert.Contains("wide/d03/important.log", entries.Keys);
        Assert.Equal(ContextEntryKind.Directory, entries["empty/inner"].Kind);
        Assert.Equal("d01", entries["wide/link-to-dir"].LinkTarget);
        Assert.Equal(ContextEntryKind.File, entries["deep/l0/l1/l2/l3/l4/l5/l6/l7/l8/l9/l10/l11/l12/l13/l14/l15/l16/l17/l18/l19/l20/l21/l22/l23/l24/file"].Kind);
        Assert.Equal(40 * 30, entries.Keys.Count(p => p.StartsWith("wide/d", StringComparison.Ordinal) && p.EndsWith(".txt", StringComparison.Ordinal)));
    }

    [Fact]
    public void EveryDirectoryIsListedOnceAndTheFirstErrorInPathOrderWins()
    {
        // The pool alone, with a listing that fails on some directories (root can read any real directory,
        // so the failure is made here): whichever thread meets which failure, the same one is reported.
        for (var round = 0; round < 20; round++)
        {
            var listed = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
            void List(WalkNode node, Action<WalkNode> enter)
            {
                listed.AddOrUpdate(node.RelativePath, 1, (_, n) => n + 1);
                var depth = node.RelativePath.Count(c => c == '/');
                if (node.RelativePath.Length == 0 || depth < 2)
                {
                    for (var i = 0; i < 6; i++)
                    {
                        var path = node.RelativePath.Length == 0 ? $"d{i}" : $"{node.RelativePath}/d{i}";
                        enter(new WalkNode("/nonexistent/" + path, path, [], excluded: false));
                    }
                }

                if (node.RelativePath is "d4/d1" or "d2/d5/d3" or "d2/d5/d0" or "d5")
                {
                    throw new BuildContextException(BuildContextErrorReason.UnreadableEntry, BuildInputField.Context, node.RelativePath, "made to fail");
                }
            }

            var error = Assert.Throws<BuildContextException>(() => WalkPool.Run(new WalkNode("/nonexistent", string.Empty, [], excluded: false), 4, List, CancellationToken.None));
            Assert.Equal("d2/d5/d0", error.Path);
            Assert.Equal(1 + 6 + 36 + 216, listed.Count);
            Assert.All(listed.Values, n => Assert.Equal(1, n));
        }
    }

    [Fact]
    public void CancellationStopsTheWalk()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ContextScanner.Scan(new BuildInputs { ContextDirectory = _tree.Root }, null, cancel.Token));
    }
}
