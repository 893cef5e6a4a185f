using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Immutable.Sdk.Docker.Engine;

/// <summary>
/// Asks a registry directly (Distribution API v2) which manifest digest it serves for a tag, so a
/// push is verified against the registry itself rather than the engine's word. Handles Basic auth
/// and the Bearer token challenge registries such as Docker Hub and GHCR use.
/// </summary>
public sealed class RegistryClient(HttpClient http)
{
    private static readonly string[] ManifestTypes =
    [
        "application/vnd.docker.distribution.manifest.v2+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.oci.image.index.v1+json",
    ];

    /// <summary>
    /// The <c>Docker-Content-Digest</c> the registry answers for <c>repository:tag</c>; null when the
    /// tag does not exist. Loopback registries are spoken to over HTTP, others over HTTPS.
    /// </summary>
    public async Task<string?> ManifestDigestAsync(string registry, string repositoryPath, string tag, RegistryCredentials? credentials, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var scheme = IsLoopback(registry) ? "http" : "https";
        var host = registry == "docker.io" ? "registry-1.docker.io" : registry;
        var uri = new Uri($"{scheme}://{host}/v2/{repositoryPath}/manifests/{tag}");

        using var first = await SendAsync(uri, null, cancellation).ConfigureAwait(false);
        if (first.StatusCode != HttpStatusCode.Unauthorized)
        {
            return Digest(first, uri);
        }

        var authorization = await AuthorizeAsync(first.Headers.WwwAuthenticate.FirstOrDefault(), credentials, cancellation).ConfigureAwait(false);
        using var second = await SendAsync(uri, authorization, cancellation).ConfigureAwait(false);
        return Digest(second, uri);
    }

    private async Task<HttpResponseMessage> SendAsync(Uri uri, AuthenticationHeaderValue? authorization, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, uri);
        foreach (var type in ManifestTypes)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }

        request.Headers.Authorization = authorization;
        return await http.SendAsync(request, cancellation).ConfigureAwait(false);
    }

    private async Task<AuthenticationHeaderValue?> AuthorizeAsync(AuthenticationHeaderValue? challenge, RegistryCredentials? credentials, CancellationToken cancellation)
    {
        var basic = credentials is null
            ? null
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}")));
        if (challenge is null || challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return basic;
        }

        // Bearer realm="https://auth.example/token",service="registry",scope="repository:x:pull"
        var parameters = ParseChallenge(challenge.Parameter ?? string.Empty);
        if (!parameters.TryGetValue("realm", out var realm))
        {
            return basic;
        }

        var query = string.Join('&', parameters.Where(p => p.Key != "realm").Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        using var request = new HttpRequestMessage(HttpMethod.Get, query.Length == 0 ? realm : $"{realm}?{query}");
        request.Headers.Authorization = basic;
        using var response = await http.SendAsync(request, cancellation).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new DockerEngineException(DockerFailure.RegistryRefused, $"The registry's token service refused access ({(int)response.StatusCode}).");
        }

        using var token = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellation).ConfigureAwait(false), cancellationToken: cancellation).ConfigureAwait(false);
        var value = token.RootElement.TryGetProperty("token", out var t) ? t.GetString()
            : token.RootElement.TryGetProperty("access_token", out var a) ? a.GetString() : null;
        return value is null ? basic : new AuthenticationHeaderValue("Bearer", value);
    }

    private static string? Digest(HttpResponseMessage response, Uri uri)
    {
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new DockerEngineException(DockerFailure.RegistryRefused, $"The registry answered {(int)response.StatusCode} for {uri}.");
        }

        return response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
    }

    private static Dictionary<string, string> ParseChallenge(string parameter)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in parameter.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                result[part[..equals].Trim()] = part[(equals + 1)..].Trim().Trim('"');
            }
        }

        return result;
    }

    private static bool IsLoopback(string registry)
    {
        var host = registry.StartsWith('[') ? registry[1..registry.IndexOf(']', StringComparison.Ordinal)] : registry.Split(':')[0];
        return host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
