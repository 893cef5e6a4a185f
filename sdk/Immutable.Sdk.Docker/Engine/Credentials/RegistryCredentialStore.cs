using System.Text;
using System.Text.Json;
using Immutable.Sdk.Docker.References;

namespace Immutable.Sdk.Docker.Engine.Credentials;

/// <summary>
/// Finds credentials for a registry: the provider block first, then the <c>auths</c> of the Docker
/// CLI's config file. Credential helpers (<c>credsStore</c>) are not run.
/// </summary>
public sealed class RegistryCredentialStore(IReadOnlyList<RegistryCredentials> configured, IReadOnlyList<RegistryCredentials> dockerConfig)
{
    /// <summary>Loads the Docker CLI's config (<c>$DOCKER_CONFIG/config.json</c> or <c>~/.docker/config.json</c>) when present.</summary>
    public static IReadOnlyList<RegistryCredentials> ReadDockerConfig(string? dockerConfigDirectory, string? home)
    {
        var directory = dockerConfigDirectory ?? (home is null ? null : Path.Combine(home, ".docker"));
        var path = directory is null ? null : Path.Combine(directory, "config.json");
        if (path is null || !File.Exists(path))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            if (!document.RootElement.TryGetProperty("auths", out var auths) || auths.ValueKind != JsonValueKind.Object)
            {
                return [];
            }

            var found = new List<RegistryCredentials>();
            foreach (var entry in auths.EnumerateObject())
            {
                if (entry.Value.TryGetProperty("auth", out var auth) && auth.GetString() is { Length: > 0 } encoded)
                {
                    var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
                    var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                    if (colon > 0)
                    {
                        found.Add(new RegistryCredentials(NormalizeAddress(entry.Name), decoded[..colon], decoded[(colon + 1)..]));
                    }
                }
            }

            return found;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or IOException)
        {
            // A damaged CLI config must not break the provider; pushes needing it fail with the registry's own error.
            return [];
        }
    }

    /// <summary>Credentials for the registry that hosts <paramref name="image"/>, or null.</summary>
    public RegistryCredentials? For(ImageReference image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return ForHost(image.Domain);
    }

    /// <summary>Credentials for a registry host as BuildKit asks for it (<c>registry-1.docker.io</c> is Docker Hub), or null.</summary>
    public RegistryCredentials? ForHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var registry = NormalizeAddress(host);
        return configured.FirstOrDefault(c => NormalizeAddress(c.ServerAddress) == registry)
            ?? dockerConfig.FirstOrDefault(c => c.ServerAddress == registry);
    }

    private static string NormalizeAddress(string address)
    {
        var trimmed = address.Trim();
        foreach (var scheme in (string[])["https://", "http://"])
        {
            if (trimmed.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                trimmed = trimmed[scheme.Length..];
            }
        }

        trimmed = trimmed.TrimEnd('/');
        if (trimmed.EndsWith("/v1", StringComparison.Ordinal) || trimmed.EndsWith("/v2", StringComparison.Ordinal))
        {
            trimmed = trimmed[..^3];
        }

        return trimmed is "index.docker.io" or "registry-1.docker.io" ? "docker.io" : trimmed;
    }
}
