using System.Text;
using System.Text.Json;

namespace Immutable.Sdk.Docker.Engine;

/// <summary>
/// What the provider reads from the Docker CLI's <c>config.json</c> (in <c>$DOCKER_CONFIG</c>, else
/// <c>~/.docker</c>): the current context, the credential store and per-registry helpers, and the
/// stored logins. A missing or damaged file reads as empty, so it never breaks the provider (the
/// operation that needed it fails with the engine's or registry's own error).
/// </summary>
public sealed record DockerCliConfig
{
    /// <summary>The config directory (<c>$DOCKER_CONFIG</c> or <c>~/.docker</c>), also the default cert path and context store.</summary>
    public required string Directory { get; init; }

    /// <summary><c>currentContext</c> (set by <c>docker context use</c>), or null.</summary>
    public string? CurrentContext { get; init; }

    /// <summary><c>credsStore</c>: the helper for every registry without its own, or null.</summary>
    public string? CredentialsStore { get; init; }

    /// <summary><c>credHelpers</c>: registry host to helper name.</summary>
    public IReadOnlyDictionary<string, string> CredentialHelpers { get; init; } = new Dictionary<string, string>();

    /// <summary><c>auths</c>: registry key (as written) to user and secret.</summary>
    public IReadOnlyDictionary<string, RegistryCredentials> Auths { get; init; } = new Dictionary<string, RegistryCredentials>();

    /// <summary>The config directory the CLI would use: <paramref name="dockerConfig"/> (<c>DOCKER_CONFIG</c>) else <c>HOME/.docker</c>.</summary>
    public static string DirectoryFor(string? dockerConfig, string? home) =>
        !string.IsNullOrEmpty(dockerConfig) ? dockerConfig : Path.Combine(home ?? string.Empty, ".docker");

    /// <summary>Reads <c>config.json</c> from the directory the CLI would use.</summary>
    public static DockerCliConfig Load(string? dockerConfig, string? home)
    {
        var directory = DirectoryFor(dockerConfig, home);
        var path = Path.Combine(directory, "config.json");
        var empty = new DockerCliConfig { Directory = directory };
        if (!File.Exists(path))
        {
            return empty;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            return root.ValueKind != JsonValueKind.Object ? empty : new DockerCliConfig
            {
                Directory = directory,
                CurrentContext = NonEmptyString(root, "currentContext"),
                CredentialsStore = NonEmptyString(root, "credsStore"),
                CredentialHelpers = StringMap(root, "credHelpers"),
                Auths = Logins(root),
            };
        }
        catch (Exception ex) when (ex is JsonException or FormatException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return empty;
        }
    }

    private static string? NonEmptyString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static Dictionary<string, string> StringMap(JsonElement root, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in value.EnumerateObject())
            {
                if (entry.Value.ValueKind == JsonValueKind.String && entry.Value.GetString() is { Length: > 0 } text)
                {
                    map[entry.Name] = text;
                }
            }
        }

        return map;
    }

    private static Dictionary<string, RegistryCredentials> Logins(JsonElement root)
    {
        var logins = new Dictionary<string, RegistryCredentials>(StringComparer.Ordinal);
        if (!root.TryGetProperty("auths", out var auths) || auths.ValueKind != JsonValueKind.Object)
        {
            return logins;
        }

        foreach (var entry in auths.EnumerateObject())
        {
            if (entry.Value.ValueKind == JsonValueKind.Object && entry.Value.TryGetProperty("auth", out var auth) && auth.ValueKind == JsonValueKind.String && auth.GetString() is { Length: > 0 } encoded)
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    logins[entry.Name] = new RegistryCredentials(entry.Name, decoded[..colon], decoded[(colon + 1)..]);
                }
            }
        }

        return logins;
    }
}
