using System.Globalization;
using System.Text;
using Google.Protobuf;
using Immutable.Sdk.Docker.BuildKit.Wire;
using Microsoft.Extensions.Logging;

namespace Immutable.Sdk.Docker.BuildKit;

/// <summary>
/// Turns BuildKit's status stream into the log <c>docker build --progress=plain</c> would show:
/// each step once when it starts (<c>#4 [2/3] RUN make</c>), then <c>CACHED</c>, <c>DONE 1.2s</c> or
/// <c>ERROR</c>; the step's output lines at DEBUG. Keeps the last lines of every step so a failure
/// can name its step and show what it printed.
/// </summary>
internal sealed class BuildTrace(ILogger log)
{
    private const int TailLines = 20;
    private readonly Dictionary<string, Step> _steps = new(StringComparer.Ordinal);

    /// <summary>The first step that failed, if any.</summary>
    public Step? Failed { get; private set; }

    /// <summary>Adds one trace message (the base64 protobuf of a <c>moby.buildkit.trace</c> aux).</summary>
    public void Add(string base64) => Add(StatusResponse.Parser.ParseFrom(Convert.FromBase64String(base64)));

    public void Add(StatusResponse status)
    {
        foreach (var vertex in status.Vertexes)
        {
            Update(vertex);
        }

        foreach (var output in status.Logs)
        {
            StepOf(output.Vertex).Output(output.Msg, output.Stream, log);
        }

        foreach (var warning in status.Warnings)
        {
            var step = StepOf(warning.Vertex);
            log.LogWarning("build: #{Number} {Name}: {Warning}", step.Number, step.Name, warning.Short.ToStringUtf8());
        }
    }

    private void Update(Vertex vertex)
    {
        var step = StepOf(vertex.Digest);
        if (vertex.Name.Length > 0)
        {
            step.Name = vertex.Name;
        }

        if (!step.Announced && (vertex.Started is not null || vertex.Cached))
        {
            step.Announced = true;
            Log(step, string.Empty);
        }

        if (step.Finished)
        {
            return;
        }

        if (vertex.Error.Length > 0)
        {
            step.Finished = true;
            step.Error = vertex.Error;
            step.Flush(log);
            Failed ??= step;
            Log(step, "ERROR: " + vertex.Error);
        }
        else if (vertex.Cached)
        {
            step.Finished = true;
            Log(step, "CACHED");
        }
        else if (vertex.Completed is { } completed)
        {
            step.Finished = true;
            step.Flush(log);
            var seconds = vertex.Started is { } started ? (completed.ToDateTimeOffset() - started.ToDateTimeOffset()).TotalSeconds : 0;
            Log(step, "DONE " + seconds.ToString("0.0", CultureInfo.InvariantCulture) + "s");
        }
    }

    private void Log(Step step, string what)
    {
        // BuildKit's own bookkeeping ("[internal] load .dockerignore", the engine unpacking the
        // context with "copy /context /") is noise unless debugging.
        var level = step.Name.StartsWith("[internal]", StringComparison.Ordinal) || step.Name == "copy /context /" ? LogLevel.Debug : LogLevel.Information;
        if (what.Length == 0)
        {
            log.Log(level, "build: #{Number} {Name}", step.Number, step.Name);
        }
        else
        {
            log.Log(level, "build: #{Number} {What}", step.Number, what);
        }
    }

    private Step StepOf(string digest)
    {
        if (!_steps.TryGetValue(digest, out var step))
        {
            step = new Step(_steps.Count + 1);
            _steps[digest] = step;
        }

        return step;
    }

    /// <summary>One vertex of the build graph, as far as the trace told.</summary>
    internal sealed class Step(int number)
    {
        private readonly Queue<string> _tail = new();
        private readonly StringBuilder _partial = new();

        public int Number { get; } = number;

        public string Name { get; set; } = "a build step";

        public bool Announced { get; set; }

        public bool Finished { get; set; }

        public string? Error { get; set; }

        /// <summary>The last lines the step printed.</summary>
        public string Tail => string.Join('\n', _tail);

        public void Output(ByteString message, long stream, ILogger log)
        {
            _partial.Append(message.ToStringUtf8());
            var text = _partial.ToString();
            var end = text.LastIndexOf('\n');
            if (end < 0)
            {
                return;
            }

            _partial.Clear().Append(text, end + 1, text.Length - end - 1);
            foreach (var line in text[..end].Split('\n'))
            {
                Emit(line.TrimEnd('\r'), stream, log);
            }
        }

        public void Flush(ILogger log)
        {
            if (_partial.Length > 0)
            {
                Emit(_partial.ToString(), 1, log);
                _partial.Clear();
            }
        }

        private void Emit(string line, long stream, ILogger log)
        {
            log.LogDebug("build: #{Number} {Stream}{Line}", Number, stream == 2 ? "stderr: " : string.Empty, line);
            _tail.Enqueue(line);
            while (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }
    }
}
