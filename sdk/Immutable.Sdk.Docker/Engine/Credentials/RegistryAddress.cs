namespace Immutable.Sdk.Docker.Engine.Credentials;

/// <summary>Registry addresses as <c>config.json</c> and users write them, reduced to the host the image names use.</summary>
public static class RegistryAddress
{
    /// <summary><c>https://ghcr.io/v2/</c> → <c>ghcr.io</c>; Docker Hub's aliases → <c>docker.io</c>.</summary>
    public static string Normalize(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
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
