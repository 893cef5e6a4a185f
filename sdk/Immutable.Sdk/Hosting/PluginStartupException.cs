namespace Immutable.Sdk.Hosting;

/// <summary>The plugin cannot start; the message is shown to the person running it.</summary>
internal sealed class PluginStartupException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PluginStartupException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
