using System.Globalization;

namespace Immutable.Release;

/// <summary>The command line of immutable-release; <see cref="Run"/> returns the exit code.</summary>
public static class Cli
{
    public const string Usage = """
        usage: immutable-release COMMAND [options]

          check   --version V [--rid RID] [--gpg-key KEY | --unsigned]
                  Check the inputs of a release before anything is built.
          release --version V --manifest FILE --out DIR [--binary FILE --rid RID] [--zip FILE]...
                  [--gpg-key KEY | --unsigned]
                  Write DIR/V/: one zip a platform, the manifest, SHA256SUMS and SHA256SUMS.sig.
          package --version V --binary FILE --rid RID --out DIR
                  Write only this platform's zip into DIR (a CI runner's part of a release).
          install --version V (--zip FILE | --binary FILE --rid RID) [--mirror DIR]
                  Install into a filesystem mirror, packed and unpacked.
          hash    PATH
                  Print the h1: hash of a zip or a directory, and the zh: hash of a zip.
          platform --rid RID
                  Print the Terraform platform (os_arch) of a .NET runtime identifier.

        The signing key is --gpg-key, else IMMUTABLE_GPG_KEY; a release without one is refused unless --unsigned
        is given (the registry accepts only signed releases). gpg uses GNUPGHOME; a passphrase, if the key has one,
        is read from IMMUTABLE_GPG_PASSPHRASE. The mirror is --mirror, else IMMUTABLE_MIRROR, else
        ~/.terraform.d/plugins. Versions are MAJOR.MINOR.PATCH[-prerelease][+build], without a leading 'v'.
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Count == 0 || args[0] is "help" or "-h" or "--help")
        {
            (args.Count == 0 ? stderr : stdout).WriteLine(Usage);
            return args.Count == 0 ? 2 : 0;
        }

        Action<Options, TextWriter>? command = args[0] switch
        {
            "check" => Check,
            "release" => Release,
            "package" => Package,
            "install" => Install,
            "hash" => Hash,
            "platform" => Platform,
            _ => null,
        };
        if (command is null)
        {
            stderr.WriteLine($"immutable-release: unknown command '{args[0]}'");
            stderr.WriteLine(Usage);
            return 2;
        }

        try
        {
            command(Options.Parse(args.Skip(1)), stdout);
            return 0;
        }
        catch (Exception e) when (e is ReleaseException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"immutable-release: error: {e.Message}");
            return 1;
        }
    }

    private static string? SigningKey(Options options, Gpg gpg)
    {
        var explicitKey = options.Single("--gpg-key");
        if (options.Flag("--unsigned"))
        {
            if (explicitKey is not null)
            {
                throw new ReleaseException("--gpg-key and --unsigned contradict each other");
            }

            return null;
        }

        var key = explicitKey ?? NonEmpty(Environment.GetEnvironmentVariable("IMMUTABLE_GPG_KEY"))
            ?? throw new ReleaseException(
                "no signing key: pass --gpg-key KEYID or set IMMUTABLE_GPG_KEY, or pass --unsigned for a local build " +
                "(the Terraform registry accepts only releases whose SHA256SUMS is signed)");
        gpg.RequireSecretKey(key);
        return key;
    }

    private static Gpg NewGpg() => new() { Passphrase = NonEmpty(Environment.GetEnvironmentVariable("IMMUTABLE_GPG_PASSPHRASE")) };

    private static void Check(Options options, TextWriter stdout)
    {
        var version = SemanticVersion.Validate(options.Single("--version"));
        var rid = options.Single("--rid");
        var platform = rid is null ? null : TerraformPlatform.FromRid(rid);
        var key = SigningKey(options, NewGpg());
        options.RequireAllUsed();
        stdout.WriteLine($"release {version}{(platform is null ? "" : " for " + platform)}: " +
                         (key is null ? "unsigned" : $"signed with {key}"));
    }

    private static void Release(Options options, TextWriter stdout)
    {
        var version = SemanticVersion.Validate(options.Single("--version"));
        var gpg = NewGpg();
        var binary = options.Single("--binary");
        var rid = options.Single("--rid");
        if ((binary is null) != (rid is null))
        {
            throw new ReleaseException("--binary and --rid go together");
        }

        var request = new ReleaseRequest
        {
            Version = version,
            Binaries = binary is null ? [] : [(binary, TerraformPlatform.FromRid(rid))],
            Zips = options.All("--zip"),
            ManifestPath = options.Required("--manifest"),
            OutputRoot = options.Required("--out"),
            SigningKey = SigningKey(options, gpg),
            Gpg = gpg,
        };
        options.RequireAllUsed();
        var result = ReleaseBuilder.Build(request);

        stdout.WriteLine($"==> release {version} in {result.Directory}");
        foreach (var file in Directory.EnumerateFiles(result.Directory).Order(StringComparer.Ordinal))
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {Path.GetFileName(file),-60} {new FileInfo(file).Length,12:N0} bytes"));
        }

        stdout.WriteLine(result.SignaturePath is null
            ? "    UNSIGNED: the registry will not accept this release; sign it with --gpg-key KEYID"
            : $"    signed with {request.SigningKey}; check with: gpg --verify {Path.GetFileName(result.SignaturePath)} {Path.GetFileName(result.SumsPath)}");
        WriteHashes(stdout, version, result.Packages);
    }

    private static void Package(Options options, TextWriter stdout)
    {
        var version = SemanticVersion.Validate(options.Single("--version"));
        var platform = TerraformPlatform.FromRid(options.Required("--rid"));
        var binary = options.Required("--binary");
        var output = options.Required("--out");
        options.RequireAllUsed();
        var package = ReleaseBuilder.Package(version, binary, platform, output);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"==> {package.Path} ({package.Size:N0} bytes)"));
        WriteHashes(stdout, version, [package]);
    }

    private static void Install(Options options, TextWriter stdout)
    {
        var version = SemanticVersion.Validate(options.Single("--version"));
        var zip = options.Single("--zip");
        var binary = options.Single("--binary");
        var rid = options.Single("--rid");
        var mirror = options.Single("--mirror") ?? MirrorInstaller.DefaultMirror();
        options.RequireAllUsed();
        InstallResult result;
        if (zip is not null && binary is null && rid is null)
        {
            result = MirrorInstaller.InstallZip(version, zip, mirror);
        }
        else if (zip is null && binary is not null && rid is not null)
        {
            result = MirrorInstaller.InstallBinary(version, binary, TerraformPlatform.FromRid(rid), mirror);
        }
        else
        {
            throw new ReleaseException("install takes either --zip FILE or --binary FILE with --rid RID");
        }

        stdout.WriteLine($"==> installed {ProviderFiles.Address} {version} into the filesystem mirror {result.Mirror}");
        stdout.WriteLine($"    packed:   {result.PackedPath}");
        stdout.WriteLine($"    unpacked: {result.UnpackedDirectory}{Path.DirectorySeparatorChar}");
        stdout.WriteLine();
        stdout.WriteLine("Terraform reads this mirror through this block in ~/.terraformrc (the CLI configuration file);");
        stdout.WriteLine("~/.terraform.d/plugins is also read without it, as long as no provider_installation block exists:");
        stdout.WriteLine();
        stdout.WriteLine(MirrorInstaller.CliConfiguration(result.Mirror));
        stdout.WriteLine();
        stdout.WriteLine("terraform init records the h1: hash in .terraform.lock.hcl; zh: is the release zip's SHA-256 (SHA256SUMS):");
        stdout.WriteLine();
        stdout.Write(ReleaseBuilder.LockFileEntry(version, [result.H1, result.Zh]));
    }

    private static void Platform(Options options, TextWriter stdout)
    {
        var platform = TerraformPlatform.FromRid(options.Required("--rid"));
        options.RequireAllUsed();
        stdout.WriteLine(platform);
    }

    private static void Hash(Options options, TextWriter stdout)
    {
        if (options.Positional.Count != 1)
        {
            throw new ReleaseException("hash takes one path: a zip or a directory");
        }

        options.RequireAllUsed(positional: true);
        var path = options.Positional[0];
        if (Directory.Exists(path))
        {
            stdout.WriteLine(PackageHashes.H1OfDirectory(path));
        }
        else if (File.Exists(path))
        {
            stdout.WriteLine(PackageHashes.H1OfZip(path));
            stdout.WriteLine(PackageHashes.Zh(path));
        }
        else
        {
            throw new ReleaseException($"no such file or directory: {path}");
        }
    }

    private static void WriteHashes(TextWriter stdout, string version, IReadOnlyList<PackageInfo> packages)
    {
        stdout.WriteLine();
        stdout.WriteLine("Lock-file hashes (h1: over the files in the zip, zh: of the zip itself):");
        foreach (var package in packages)
        {
            stdout.WriteLine($"    {package.Platform,-16} {package.H1}");
            stdout.WriteLine($"    {"",-16} {package.Zh}");
        }

        stdout.WriteLine();
        stdout.Write(ReleaseBuilder.LockFileEntry(version, packages.SelectMany(p => new[] { p.H1, p.Zh })));
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>--name value pairs, --flags and positional arguments; every option must be used by the command.</summary>
    private sealed class Options
    {
        private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "--unsigned" };

        private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
        private readonly HashSet<string> _used = new(StringComparer.Ordinal);

        public List<string> Positional { get; } = [];

        public static Options Parse(IEnumerable<string> args)
        {
            var options = new Options();
            using var e = args.GetEnumerator();
            while (e.MoveNext())
            {
                var arg = e.Current;
                if (!arg.StartsWith("--", StringComparison.Ordinal))
                {
                    options.Positional.Add(arg);
                    continue;
                }

                string value;
                var equals = arg.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    value = arg[(equals + 1)..];
                    arg = arg[..equals];
                }
                else if (Flags.Contains(arg))
                {
                    value = "";
                }
                else if (e.MoveNext())
                {
                    value = e.Current;
                }
                else
                {
                    throw new ReleaseException($"{arg} needs a value");
                }

                if (!options._values.TryGetValue(arg, out var list))
                {
                    options._values[arg] = list = [];
                }

                list.Add(value);
            }

            return options;
        }

        public bool Flag(string name)
        {
            _used.Add(name);
            return _values.ContainsKey(name);
        }

        public string? Single(string name)
        {
            _used.Add(name);
            if (!_values.TryGetValue(name, out var list))
            {
                return null;
            }

            return list.Count == 1 ? list[0] : throw new ReleaseException($"{name} given more than once");
        }

        public string Required(string name) => Single(name) ?? throw new ReleaseException($"{name} is required");

        public IReadOnlyList<string> All(string name)
        {
            _used.Add(name);
            return _values.TryGetValue(name, out var list) ? list : [];
        }

        public void RequireAllUsed(bool positional = false)
        {
            if (!positional && Positional.Count > 0)
            {
                throw new ReleaseException($"unexpected argument '{Positional[0]}'");
            }

            var unknown = _values.Keys.FirstOrDefault(k => !_used.Contains(k));
            if (unknown is not null)
            {
                throw new ReleaseException($"unknown option {unknown}");
            }
        }
    }
}
