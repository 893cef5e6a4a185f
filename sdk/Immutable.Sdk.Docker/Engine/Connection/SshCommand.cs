namespace Immutable.Sdk.Docker.Engine.Connection;

/// <summary>
/// The <c>ssh</c> command line that opens one API connection to the engine behind
/// <c>ssh://[user@]host[:port][/socket]</c>, as the Docker CLI builds it: the user's options first
/// (so their ssh config, agent and keys apply), a connect timeout unless they chose one, no
/// pseudo-terminal, then <c>docker system dial-stdio</c> on the remote, which joins its stdin and
/// stdout to the remote engine's socket. Unlike the CLI, <c>BatchMode=yes</c> unless the options
/// say otherwise: a provider runs under Terraform and must never wait at a password or host-key prompt.
/// </summary>
internal static class SshCommand
{
    public static IReadOnlyList<string> Arguments(Uri host, IReadOnlyList<string> options)
    {
        var arguments = new List<string>(options);
        var joined = string.Join(' ', options);
        if (!joined.Contains("ConnectTimeout", StringComparison.OrdinalIgnoreCase))
        {
            arguments.AddRange(["-o", "ConnectTimeout=30"]);
        }

        if (!joined.Contains("BatchMode", StringComparison.OrdinalIgnoreCase))
        {
            arguments.AddRange(["-o", "BatchMode=yes"]);
        }

        if (!options.Contains("-T"))
        {
            arguments.Add("-T");
        }

        if (host.UserInfo.Length > 0)
        {
            arguments.AddRange(["-l", Uri.UnescapeDataString(host.UserInfo)]);
        }

        if (!host.IsDefaultPort && host.Port > 0)
        {
            arguments.AddRange(["-p", host.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        arguments.AddRange(["--", host.Host]);
        var socket = host.AbsolutePath.Trim('/');
        arguments.AddRange(socket.Length == 0
            ? ["docker", "system", "dial-stdio"]
            : ["docker", $"--host=unix://{host.AbsolutePath}", "system", "dial-stdio"]);
        return arguments;
    }
}
