using System.ComponentModel;
using Immutable.Processes;

namespace Immutable.Release;

/// <summary>
/// Signs with the <c>gpg</c> binary (Debian's <c>gnupg</c>). GNUPGHOME is inherited from the environment, or set by
/// <see cref="Home"/>. A passphrase, if the key has one, comes from <see cref="Passphrase"/> through a pipe
/// (loopback pinentry), never from the command line.
/// </summary>
public sealed class Gpg
{
    public string Executable { get; init; } = "gpg";

    /// <summary>The keyring directory; null keeps GNUPGHOME (or gpg's default, ~/.gnupg).</summary>
    public string? Home { get; init; }

    public string? Passphrase { get; init; }

    /// <summary>Fails with a clear message unless the keyring holds a secret key for <paramref name="keyId"/>.</summary>
    public void RequireSecretKey(string keyId)
    {
        if (string.IsNullOrWhiteSpace(keyId) || keyId.StartsWith('-'))
        {
            throw new ReleaseException($"'{keyId}' is not a key id");
        }

        var result = Run(["--batch", "--with-colons", "--list-secret-keys", "--", keyId]);
        if (result.ExitCode != 0 || !result.Stdout.Contains("sec:", StringComparison.Ordinal))
        {
            throw new ReleaseException($"no secret key '{keyId}' in the gpg keyring ({KeyringDescription()}): {LastLine(result.Stderr)}");
        }
    }

    /// <summary>Writes a binary detached signature of <paramref name="file"/> to <paramref name="signature"/>.</summary>
    public void DetachSign(string keyId, string file, string signature)
    {
        List<string> args = ["--batch", "--yes", "--local-user", keyId, "--output", signature];
        if (Passphrase is not null)
        {
            args.AddRange(["--pinentry-mode", "loopback", "--passphrase-fd", "0"]);
        }

        args.AddRange(["--detach-sign", "--", file]);
        var result = Run(args, Passphrase is null ? null : Passphrase + "\n");
        if (result.ExitCode != 0 || !File.Exists(signature))
        {
            throw new ReleaseException($"gpg could not sign {Path.GetFileName(file)} with key '{keyId}': {LastLine(result.Stderr)}");
        }
    }

    /// <summary>Checks a detached signature; returns gpg's exit code and what it said.</summary>
    public ProcessResult Verify(string signature, string file) =>
        Run(["--batch", "--verify", "--", signature, file]);

    public ProcessResult Run(IReadOnlyList<string> args, string? stdin = null)
    {
        try
        {
            var environment = Home is null ? new Dictionary<string, string?>() : new Dictionary<string, string?> { ["GNUPGHOME"] = Home };
            return ProcessRunner.Run(Executable, args, new ProcessOptions { Environment = environment, Stdin = stdin, Timeout = TimeSpan.FromMinutes(5) });
        }
        catch (ProcessTimeoutException e)
        {
            throw new ReleaseException($"{Executable} did not finish within 5 minutes: {e.Partial.Output}");
        }
        catch (Win32Exception e)
        {
            throw new ReleaseException($"cannot run {Executable} ({e.Message}): install GnuPG (Debian: apt-get install gnupg)");
        }
    }

    private string KeyringDescription() =>
        "GNUPGHOME=" + (Home ?? Environment.GetEnvironmentVariable("GNUPGHOME") ?? "~/.gnupg");

    private static string LastLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return string.IsNullOrEmpty(line) ? "(gpg said nothing)" : line;
    }
}
