using System.Text.Json;
using Docker.DotNet.Models;

namespace Immutable.Sdk.Docker.Engine;

/// <summary>
/// Follows the JSON message stream of a classic-builder <c>/build</c>: keeps the current step and
/// the last lines for error reports, and picks up the built image id and any error.
/// </summary>
internal sealed class BuildOutput(Action<string> log)
{
    private const int TailLines = 25;
    private readonly Queue<string> _tail = new();

    public string? CurrentStep { get; private set; }

    public string? ImageId { get; private set; }

    public string? Error { get; private set; }

    public string Tail => string.Join('\n', _tail);

    public void Add(JSONMessage message)
    {
        if (message.Error is { Message: { Length: > 0 } error })
        {
            Error = error.Trim();
            Remember(Error);
        }

        if (message.Stream is { } stream)
        {
            foreach (var line in stream.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (line.StartsWith("Step ", StringComparison.Ordinal))
                {
                    CurrentStep = line;
                }

                Remember(line);
                log(line);
            }
        }

        if (AuxString(message, "ID") is { } id)
        {
            ImageId = id;
        }
    }

    /// <summary>A string field of a message's <c>aux</c> object (the engine's side channel for results).</summary>
    internal static string? AuxString(JSONMessage message, string name) =>
        message.Aux?.ExtensionData is { } data && data.TryGetValue(name, out var value)
            ? value switch
            {
                JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
                string text => text,
                _ => null,
            }
            : null;

    private void Remember(string line)
    {
        _tail.Enqueue(line);
        while (_tail.Count > TailLines)
        {
            _tail.Dequeue();
        }
    }
}
