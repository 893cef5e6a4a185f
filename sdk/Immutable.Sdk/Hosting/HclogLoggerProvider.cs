using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Immutable.Sdk.Hosting;

/// <summary>
/// Writes log entries as hclog JSON lines (<c>@level</c>, <c>@message</c>, <c>@timestamp</c>,
/// <c>@module</c>, then the structured arguments) on stderr, which go-plugin's client reads and
/// Terraform shows under <c>TF_LOG</c>. stdout is never touched: it belongs to the handshake.
/// </summary>
internal sealed class HclogLoggerProvider : ILoggerProvider
{
    private readonly Stream _output;
    private readonly LogLevel _minimum;
    private readonly LogLevel _frameworkMinimum;
    private readonly string _module;
    private readonly Lock _gate = new();

    /// <summary>Creates a provider writing to <paramref name="output"/>.</summary>
    /// <param name="output">Where the lines go (stderr).</param>
    /// <param name="minimum">The provider's own level.</param>
    /// <param name="module">hclog's <c>@module</c>.</param>
    /// <param name="frameworkMinimum">The level for framework categories (see <see cref="HclogLevel.IsFramework"/>);
    /// by default Warning or <paramref name="minimum"/>, whichever is higher.</param>
    public HclogLoggerProvider(Stream output, LogLevel minimum, string module, LogLevel? frameworkMinimum = null)
    {
        _output = output;
        _minimum = minimum;
        _module = module;
        _frameworkMinimum = frameworkMinimum ?? HclogLevel.ForFramework(minimum, _ => null);
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) =>
        new HclogLogger(this, categoryName, HclogLevel.IsFramework(categoryName) ? _frameworkMinimum : _minimum);

    /// <inheritdoc />
    public void Dispose() => _output.Flush();

    private void Write<TState>(string category, LogLevel level, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("@level", HclogLevel.Name(level));
            json.WriteString("@message", formatter(state, exception));
            json.WriteString("@module", _module);
            json.WriteString("@timestamp", DateTimeOffset.Now.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture));
            json.WriteString("category", category);
            if (state is IReadOnlyList<KeyValuePair<string, object?>> fields)
            {
                foreach (var (key, value) in fields)
                {
                    if (key != "{OriginalFormat}" && !key.StartsWith('@'))
                    {
                        json.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
                    }
                }
            }

            if (exception is not null)
            {
                json.WriteString("error", exception.ToString());
            }

            json.WriteEndObject();
        }

        lock (_gate)
        {
            _output.Write(buffer.WrittenSpan);
            _output.WriteByte((byte)'\n');
            _output.Flush();
        }
    }

    private sealed class HclogLogger(HclogLoggerProvider owner, string category, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Write(category, logLevel, state, exception, formatter);
            }
        }
    }
}
