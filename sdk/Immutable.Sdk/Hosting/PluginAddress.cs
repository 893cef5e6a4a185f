using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Immutable.Sdk.Hosting;

/// <summary>
/// Where the plugin listens: a unix socket in a private directory (Linux, macOS) or a loopback
/// TCP port from <c>PLUGIN_MIN_PORT..PLUGIN_MAX_PORT</c> (Windows), as go-plugin chooses.
/// </summary>
[Immutable]
internal sealed record PluginAddress(string Network, string Address, string? DirectoryToRemove)
{
    /// <summary>Chooses the address for this platform.</summary>
    public static PluginAddress Choose(PluginEnvironment environment)
    {
        return OperatingSystem.IsWindows() ? ChooseTcp(environment) : ChooseUnix(environment);
    }

    /// <summary>A fresh directory only this user can enter, holding the socket.</summary>
    public static PluginAddress ChooseUnix(PluginEnvironment environment)
    {
        var parent = environment.UnixSocketDirectory ?? Path.GetTempPath();
        if (!Directory.Exists(parent))
        {
            throw new PluginStartupException($"PLUGIN_UNIX_SOCKET_DIR '{parent}' does not exist.");
        }

        var directory = Directory.CreateTempSubdirectory("plugin");
        if (environment.UnixSocketDirectory is not null)
        {
            // CreateTempSubdirectory always uses the system temp dir; honour the requested parent.
            directory.Delete();
            directory = Directory.CreateDirectory(Path.Combine(parent, "plugin" + Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal)));
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return new PluginAddress("unix", Path.Combine(directory.FullName, "plugin.sock"), directory.FullName);
    }

    /// <summary>The first free loopback port in the configured range.</summary>
    public static PluginAddress ChooseTcp(PluginEnvironment environment)
    {
        var min = ParsePort(environment.MinPort, "PLUGIN_MIN_PORT", 10000);
        var max = ParsePort(environment.MaxPort, "PLUGIN_MAX_PORT", 25000);
        if (min > max)
        {
            throw new PluginStartupException($"PLUGIN_MIN_PORT ({min}) is greater than PLUGIN_MAX_PORT ({max}).");
        }

        for (var port = min; port <= max; port++)
        {
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                probe.Stop();
                return new PluginAddress("tcp", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", null);
            }
            catch (SocketException)
            {
                // Taken; try the next one.
            }
        }

        throw new PluginStartupException($"No free TCP port between {min} and {max} (PLUGIN_MIN_PORT..PLUGIN_MAX_PORT).");
    }

    /// <summary>The TCP port, when <see cref="Network"/> is tcp.</summary>
    public int Port => int.Parse(Address[(Address.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);

    /// <summary>Removes the socket directory, if any. Never throws: this runs on the way out.</summary>
    public void Cleanup()
    {
        if (DirectoryToRemove is null)
        {
            return;
        }

        try
        {
            Directory.Delete(DirectoryToRemove, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static int ParsePort(string? value, string name, int fallback)
    {
        if (value is null)
        {
            return fallback;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536)
        {
            return port;
        }

        throw new PluginStartupException($"{name} must be a port number, got '{value}'.");
    }
}
