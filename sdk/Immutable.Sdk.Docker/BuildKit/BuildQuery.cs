using System.Text;
using System.Text.Json;
using Immutable.Sdk.Docker.Engine;

namespace Immutable.Sdk.Docker.BuildKit;

/// <summary>The <c>/build</c> query string for a BuildKit build (Engine API, <c>version=2</c>).</summary>
internal static class BuildQuery
{
    public static string For(BuildRequest request, string? sessionId, string buildId)
    {
        var query = new StringBuilder("/build?version=2&rm=1&forcerm=1");
        Add(query, "dockerfile", request.Dockerfile);
        foreach (var tag in request.Tags)
        {
            Add(query, "t", tag);
        }

        Add(query, "buildargs", Json(request.BuildArgs));
        Add(query, "labels", Json(request.Labels));
        Add(query, "target", request.Target);
        Add(query, "platform", request.Platform);
        Add(query, "session", sessionId);
        Add(query, "buildid", buildId);
        if (request.NoCache)
        {
            query.Append("&nocache=1");
        }

        return query.ToString();
    }

    private static void Add(StringBuilder query, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
    }

    private static string Json(IReadOnlyDictionary<string, string> values)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (key, value) in values.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
