using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Immutable.Sdk.Docker.Engine.Credentials;

/// <summary>
/// One docker-credential-helpers program (<c>docker-credential-NAME</c> on PATH), asked as the
/// Docker CLI asks it: <c>get</c> with the server URL on stdin, answered on stdout with
/// <c>{"ServerURL","Username","Secret"}</c>; "credentials not found" (exit 1) means none. The
/// secret is only ever held in the returned value, never written to a log or a message.
/// </summary>
public sealed class CredentialHelper(string name)
{
    /// <summary>How long a helper may take (a desktop keychain may wait for an unlock prompt).</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>The helper's name as in <c>config.json</c> (<c>desktop</c>, <c>pass</c>, <c>ecr-login</c>, …).</summary>
    public string Name { get; } = name;

    /// <summary>The program run: <c>docker-credential-NAME</c>.</summary>
    public string Program => "docker-credential-" + Name;

    /// <summary>
    /// The credentials the helper holds for <paramref name="serverUrl"/>, or null when it holds none.
    /// A helper that is missing or fails is a <see cref="CredentialHelperException"/> naming it.
    /// </summary>
    public RegistryCredentials? Get(string serverUrl)
    {
        var start = new ProcessStartInfo(Program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("get");
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new CredentialHelperException(this, "did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new CredentialHelperException(this, $"cannot be run ({ex.Message}); config.json names it, so it must be on PATH");
        }

        using (process)
        {
            process.StandardInput.Write(serverUrl);
            process.StandardInput.Close();
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(Limit))
            {
                process.Kill(entireProcessTree: true);
                throw new CredentialHelperException(this, $"did not answer within {Limit.TotalSeconds:0} s");
            }

            var stdout = output.GetAwaiter().GetResult().Trim();
            if (process.ExitCode != 0)
            {
                // The protocol's "not found" answer: no credentials, not a failure.
                if (stdout.Contains("credentials not found", StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }

                var message = stdout.Length > 0 ? stdout : error.GetAwaiter().GetResult().Trim();
                throw new CredentialHelperException(this, $"failed for {serverUrl} (exit code {process.ExitCode}): {message}");
            }

            return Parse(stdout, serverUrl);
        }
    }

    private RegistryCredentials? Parse(string stdout, string serverUrl)
    {
        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(stdout));
            var root = document.RootElement;
            var username = root.TryGetProperty("Username", out var u) ? u.GetString() : null;
            var secret = root.TryGetProperty("Secret", out var s) ? s.GetString() : null;
            return string.IsNullOrEmpty(secret) ? null : new RegistryCredentials(serverUrl, username ?? string.Empty, secret);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // The answer may hold the secret: say only that it was not the protocol's JSON.
            throw new CredentialHelperException(this, $"answered for {serverUrl} with something other than the credential JSON ({ex.GetType().Name})");
        }
    }
}

/// <summary>A credential helper could not be run or failed; the message names the helper and never holds a secret.</summary>
public sealed class CredentialHelperException(CredentialHelper helper, string problem)
    : Exception($"The Docker credential helper {helper.Program} {problem}.")
{
    /// <summary>The helper's program name.</summary>
    public string Program { get; } = helper.Program;
}
