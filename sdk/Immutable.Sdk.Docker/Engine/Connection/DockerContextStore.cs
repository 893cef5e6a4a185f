using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Immutable.Sdk.Docker.Engine.Connection;

/// <summary>One Docker context's engine endpoint, as <c>docker context create</c> stored it.</summary>
/// <param name="Name">The context's name.</param>
/// <param name="Host">The engine address, or null when the context names none (the local socket).</param>
/// <param name="SkipTlsVerify">The context's <c>skip-tls-verify</c>.</param>
/// <param name="TlsDirectory">The directory that may hold the context's <c>ca.pem</c>, <c>cert.pem</c>, <c>key.pem</c>.</param>
internal sealed record DockerContext(string Name, string? Host, bool SkipTlsVerify, string TlsDirectory);

/// <summary>
/// Reads the Docker CLI's context store: <c>CONFIG/contexts/meta/SHA256(name)/meta.json</c> holds the
/// endpoints, <c>CONFIG/contexts/tls/SHA256(name)/docker/</c> the TLS files of the docker endpoint.
/// </summary>
internal static class DockerContextStore
{
    public static DockerContext Read(string configDirectory, string name, string setting, string source)
    {
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
        var meta = Path.Combine(configDirectory, "contexts", "meta", id, "meta.json");
        var tls = Path.Combine(configDirectory, "contexts", "tls", id, "docker");
        if (!File.Exists(meta))
        {
            throw new ConnectionSettingException(setting, "Unknown Docker context",
                $"Docker context \"{name}\" ({source}) does not exist: {meta} is missing. `docker context ls` lists the contexts in {configDirectory}.");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(meta));
            if (!document.RootElement.TryGetProperty("Endpoints", out var endpoints) || !endpoints.TryGetProperty("docker", out var docker) || docker.ValueKind != JsonValueKind.Object)
            {
                throw new ConnectionSettingException(setting, "Docker context without an engine", $"Docker context \"{name}\" ({meta}) has no docker endpoint.");
            }

            var host = docker.TryGetProperty("Host", out var h) && h.ValueKind == JsonValueKind.String && h.GetString() is { Length: > 0 } text ? text : null;
            var skip = docker.TryGetProperty("SkipTLSVerify", out var s) && s.ValueKind == JsonValueKind.True;
            return new DockerContext(name, host, skip, tls);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new ConnectionSettingException(setting, "Unreadable Docker context", $"Docker context \"{name}\" ({meta}) cannot be read: {ex.Message}");
        }
    }
}
