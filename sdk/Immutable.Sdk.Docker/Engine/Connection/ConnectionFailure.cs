using System.Net.Sockets;
using System.Security.Authentication;

namespace Immutable.Sdk.Docker.Engine.Connection;

/// <summary>
/// Turns a failed connection into what happened and which setting to look at: an untrusted or
/// expired engine certificate, a client certificate the engine refused, ssh's own error, or an
/// engine that does not answer.
/// </summary>
internal static class ConnectionFailure
{
    public static (string Why, string Hint) Explain(EngineEndpoint endpoint, Exception ex)
    {
        var message = ex.GetBaseException().Message;
        return endpoint.Kind switch
        {
            EngineTransportKind.Tls when !NeverConnected(ex) => Tls(endpoint.Tls!, ex, message),
            EngineTransportKind.Ssh => (message,
                $"The provider runs `ssh {string.Join(' ', SshCommand.Arguments(endpoint.Host, endpoint.SshOptions))}` with this user's ssh config and agent. " +
                "That command must work without a prompt (host key known, key or agent login), and the remote user must be allowed to run `docker`. Extra ssh arguments go in ssh_opts."),
            EngineTransportKind.Socket => (message, "Is dockerd running, and may this user use its socket? Set the provider's host or context (or DOCKER_HOST / DOCKER_CONTEXT) to reach another engine."),
            _ => (message, "Is the engine listening at that address, and reachable from here? Set the provider's host or context (or DOCKER_HOST / DOCKER_CONTEXT) to reach another engine."),
        };
    }

    private static (string Why, string Hint) Tls(TlsSettings tls, Exception ex, string message)
    {
        if (tls.LastRejection is { } rejection && Find<AuthenticationException>(ex) is not null)
        {
            var setting = tls.Ca?.Setting is { } s ? $"the {s} setting ({tls.Ca.Source})" : "ca_material or cert_path (none is set, so the system's CAs were used)";
            return ($"TLS: {rejection}.", $"Trust the CA that signed the engine's certificate through {setting}; `docker --tlsverify` with the same files fails the same way.");
        }

        var client = tls.Client is null
            ? "No client certificate was presented: engines started with --tlsverify require one; set cert_material and key_material, or cert_path (or DOCKER_CERT_PATH) to a directory with cert.pem and key.pem."
            : $"The engine did not accept the client certificate from {tls.Client.Source}: it must be signed by the CA the engine trusts (its --tlscacert) and be for client authentication.";
        return ($"the TLS connection failed: {message}", client);
    }

    // No TCP connection at all: nothing TLS could have caused (a reset after connecting is the
    // engine ending the handshake).
    private static bool NeverConnected(Exception ex) => Find<SocketException>(ex)?.SocketErrorCode is
        SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable or
        SocketError.NetworkUnreachable or SocketError.TimedOut or SocketError.TryAgain or SocketError.NoData;

    private static T? Find<T>(Exception? ex)
        where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is T found)
            {
                return found;
            }
        }

        return null;
    }
}
