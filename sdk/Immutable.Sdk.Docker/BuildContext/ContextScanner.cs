namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>
/// Reads a build context into a <see cref="ContextSnapshot"/>: resolves the context and Dockerfile,
/// picks the ignore file, walks the tree, hashes what the cache cannot vouch for, and digests the result.
/// </summary>
public static class ContextScanner
{
    private const string RootIgnoreFile = ".dockerignore";

    /// <summary>Scans on a worker thread (the work is file I/O and hashing).</summary>
    public static Task<ContextSnapshot> ScanAsync(BuildInputs inputs, ContextScanOptions? options = null, CancellationToken cancellation = default) =>
        Task.Run(() => Scan(inputs, options, cancellation), cancellation);

    /// <summary>
    /// Resolves the context directory and, when <paramref name="checkDockerfile"/>, the Dockerfile,
    /// without reading the tree: the checks a configuration can get before any scan.
    /// </summary>
    /// <exception cref="BuildContextException">The context or the Dockerfile is unusable.</exception>
    public static void CheckPaths(string contextDirectory, string? dockerfile, bool checkDockerfile)
    {
        var root = ResolveRoot(contextDirectory);
        if (checkDockerfile)
        {
            ResolveDockerfile(root, dockerfile);
        }
    }

    /// <summary>Scans a build context.</summary>
    /// <exception cref="BuildContextException">The context, the Dockerfile, the ignore file or an entry is unusable.</exception>
    public static ContextSnapshot Scan(BuildInputs inputs, ContextScanOptions? options = null, CancellationToken cancellation = default)
    {
        options ??= new ContextScanOptions();
        var root = ResolveRoot(inputs.ContextDirectory);
        var (requested, dockerfile) = ResolveDockerfile(root, inputs.Dockerfile);
        var (ignore, ignoreFile) = LoadIgnore(root, requested);

        // The builder reads the Dockerfile and .dockerignore from the context, so they are always sent
        // (docker/cli TrimBuildFilesFromExcludes); the daemon then keeps ignored ones out of COPY.
        var forced = new List<string> { dockerfile };
        if (ignoreFile == RootIgnoreFile)
        {
            forced.Add(RootIgnoreFile);
        }

        // The cache file is read while the tree is walked; neither needs the other.
        var cacheLoad = Task.Run(() => FileHashCache.Open(options.CacheDirectory, root, options.RacyMargin), cancellation);
        var tree = ContextWalker.Walk(root, ignore, forced, options.MaxParallelism, cancellation);
        var cache = cacheLoad.GetAwaiter().GetResult();
        ContextReader.Result read;
        try
        {
            read = ContextReader.Read(tree, cache, options, cancellation);
        }
        finally
        {
            cache.Close();
        }

        // Written from this scan's files only, so records of files that are gone drop out.
        cache.Save(read.Table, read.Statuses, read.HashedAtNs, read.FilesHashed);
        return new ContextSnapshot(inputs, root, dockerfile, ignoreFile, read.Table) { FilesHashed = read.FilesHashed };
    }

    /// <summary>
    /// Directories 0755, symlinks 0777, files 0755 when the owner may execute them and 0644 otherwise
    /// (git keeps the same two file modes). Anything more would make the image depend on the umask.
    /// </summary>
    internal static int NormalizedMode(ContextEntryKind kind, int hostMode) => kind switch
    {
        ContextEntryKind.Directory => 0b111_101_101,
        ContextEntryKind.Symlink => 0b111_111_111,
        _ => (hostMode & 0b001_000_000) != 0 ? 0b111_101_101 : 0b110_100_100,
    };

    private static string ResolveRoot(string contextDirectory)
    {
        var full = Path.GetFullPath(contextDirectory);
        if (!Directory.Exists(full))
        {
            throw File.Exists(full)
                ? new BuildContextException(BuildContextErrorReason.ContextNotADirectory, BuildInputField.Context, full, $"the build context '{full}' is a file, not a directory")
                : new BuildContextException(BuildContextErrorReason.ContextNotFound, BuildInputField.Context, full, $"the build context directory '{full}' does not exist");
        }

        // docker/cli follows a symlinked context directory to its target (on Unix).
        try
        {
            return SymlinkResolver.Resolve(full);
        }
        catch (IOException e)
        {
            throw new BuildContextException(BuildContextErrorReason.ContextNotFound, BuildInputField.Context, full, $"cannot resolve the build context '{full}': {e.Message}", e);
        }
    }

    // Returns the path as requested (for naming <Dockerfile>.dockerignore) and as resolved (what is sent).
    private static (string Requested, string Resolved) ResolveDockerfile(string root, string? dockerfile)
    {
        var isDefault = string.IsNullOrEmpty(dockerfile);
        var given = isDefault ? BuildInputs.DefaultDockerfile : dockerfile!;
        string relative;
        if (Path.IsPathRooted(given))
        {
            relative = GoPath.ToSlash(Path.GetRelativePath(root, SymlinkResolver.TryResolve(Path.GetFullPath(given))));
            if (Path.IsPathRooted(relative))
            {
                throw OutsideContext(given);
            }
        }
        else
        {
            relative = OperatingSystem.IsWindows() ? given.Replace('\\', '/') : given;
        }

        relative = GoPath.Clean(relative);
        if (GoPath.EscapesBase(relative))
        {
            throw OutsideContext(given);
        }

        if (relative == ".")
        {
            throw new BuildContextException(BuildContextErrorReason.DockerfileNotAFile, BuildInputField.Dockerfile, given, "the Dockerfile path names the context directory itself");
        }

        var full = Path.Join(root, GoPath.FromSlash(relative));
        // docker/cli: with no Dockerfile given, a lowercase "dockerfile" is accepted too.
        if (isDefault && !Exists(full) && Exists(Path.Join(root, "dockerfile")))
        {
            relative = "dockerfile";
            full = Path.Join(root, relative);
        }

        if (!Exists(full))
        {
            throw new BuildContextException(BuildContextErrorReason.DockerfileNotFound, BuildInputField.Dockerfile, relative, $"cannot find the Dockerfile '{relative}' in the build context '{root}'");
        }

        string resolvedFull;
        try
        {
            resolvedFull = SymlinkResolver.Resolve(full);
        }
        catch (IOException e)
        {
            throw new BuildContextException(BuildContextErrorReason.DockerfileNotFound, BuildInputField.Dockerfile, relative, $"cannot resolve the Dockerfile '{relative}': {e.Message}", e);
        }

        var resolved = GoPath.Clean(GoPath.ToSlash(Path.GetRelativePath(root, resolvedFull)));
        if (Path.IsPathRooted(resolved) || GoPath.EscapesBase(resolved))
        {
            throw new BuildContextException(
                BuildContextErrorReason.DockerfileOutsideContext, BuildInputField.Dockerfile, relative, $"the Dockerfile '{relative}' is a symlink to '{resolvedFull}', outside the build context");
        }

        if (!File.Exists(resolvedFull))
        {
            throw new BuildContextException(BuildContextErrorReason.DockerfileNotAFile, BuildInputField.Dockerfile, relative, $"the Dockerfile '{relative}' is not a regular file");
        }

        return (relative, resolved);
    }

    /// <summary>
    /// BuildKit reads <c>&lt;Dockerfile path&gt;.dockerignore</c> next to the Dockerfile when it exists and then
    /// ignores the root <c>.dockerignore</c> entirely (buildkit frontend/dockerui <c>ReadEntrypoint</c> and
    /// <c>dockerIgnorePatterns</c>); otherwise the context root's <c>.dockerignore</c> applies.
    /// </summary>
    private static (DockerIgnore Ignore, string? File) LoadIgnore(string root, string requestedDockerfile)
    {
        foreach (var candidate in new[] { requestedDockerfile + ".dockerignore", RootIgnoreFile })
        {
            var full = Path.Join(root, GoPath.FromSlash(candidate));
            string text;
            try
            {
                if (!File.Exists(full))
                {
                    continue;
                }

                text = File.ReadAllText(full);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new BuildContextException(BuildContextErrorReason.InvalidDockerignore, BuildInputField.Context, candidate, $"cannot read '{candidate}': {e.Message}", e);
            }

            return (DockerIgnore.Parse(text, candidate), candidate);
        }

        return (DockerIgnore.Empty, null);
    }

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;

    private static BuildContextException OutsideContext(string given) =>
        new(BuildContextErrorReason.DockerfileOutsideContext, BuildInputField.Dockerfile, given, $"the Dockerfile '{given}' must be inside the build context");
}
