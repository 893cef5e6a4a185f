using Immutable.Processes;

namespace Immutable.Release.Tests;

/// <summary>
/// A throwaway GNUPGHOME with one passphrase-less signing key, made with Debian's gpg. A missing gpg fails the
/// tests that need it (everywhere, CI included, where .ci/services.sh installs gnupg): they are never skipped.
/// </summary>
public sealed class GpgKeyring : IDisposable
{
    private readonly TempDirectory _home = new();

    public GpgKeyring()
    {
        Home = _home.Path;
        try
        {
            var version = Processes.Run("gpg", ["--version"]);
            Assert.True(version.ExitCode == 0, version.ToString());
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"gpg is required by the release tests and could not be run ({e.Message}). Install it: apt-get install gnupg (.ci/services.sh does).");
        }

        var generated = Gpg([
            "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
            "--quick-gen-key", "Immutable Release Test <release-test@immutable.invalid>", "ed25519", "sign", "never",
        ]);
        Assert.True(generated.ExitCode == 0, generated.ToString());

        var listed = Gpg(["--batch", "--with-colons", "--list-secret-keys"]);
        Fingerprint = listed.Stdout.Split('\n').First(line => line.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9];
    }

    public string Home { get; }

    public string Fingerprint { get; }

    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?> { ["GNUPGHOME"] = Home };

    internal ProcessResult Gpg(IReadOnlyList<string> args) => Processes.Run("gpg", args, Environment);

    public void Dispose()
    {
        // Stop the agent that gpg started for this home before its directory goes away.
        try
        {
            Processes.Run("gpgconf", ["--kill", "all"], Environment);
        }
        finally
        {
            _home.Dispose();
        }
    }
}
