namespace Immutable.Sdk.Docker.Engine.Connection;

/// <summary>
/// Decides which engine to talk to and how, the way the Docker CLI does, so a user needs nothing
/// beyond what <c>docker</c> itself needs:
/// <list type="number">
/// <item>the <c>context</c> setting (both <c>host</c> and <c>context</c> set is an error, as <c>docker -H … --context …</c> is);</item>
/// <item>the <c>host</c> setting;</item>
/// <item><c>DOCKER_HOST</c>;</item>
/// <item><c>DOCKER_CONTEXT</c>, then <c>currentContext</c> in <c>config.json</c> (<c>docker context use</c>);</item>
/// <item>the local socket.</item>
/// </list>
/// A context supplies its own address and TLS files. Otherwise TLS is used for <c>https://</c>, and
/// for <c>tcp://</c> when a TLS setting is given or <c>DOCKER_TLS_VERIFY</c> / <c>DOCKER_TLS</c> is set;
/// its files come from the settings' PEM material, else <c>cert_path</c>, else <c>DOCKER_CERT_PATH</c>,
/// else the config directory. Sockets never use TLS.
/// </summary>
public static class EndpointResolver
{
    /// <summary>The local engine's default socket.</summary>
    public const string DefaultHost = "unix:///var/run/docker.sock";

    /// <summary>Resolves <paramref name="settings"/> against the environment.</summary>
    /// <param name="settings">The provider block's connection settings.</param>
    /// <param name="environment">Reads an environment variable (null when unset).</param>
    /// <param name="home">The user's home directory (for <c>~/.docker</c>).</param>
    /// <param name="now">The time client certificates must be valid at.</param>
    public static EngineEndpoint Resolve(ConnectionSettings settings, Func<string, string?> environment, string? home, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);
        string? Env(string name) => environment(name) is { Length: > 0 } value ? value : null;

        var configDirectory = DockerCliConfig.DirectoryFor(Env("DOCKER_CONFIG"), home);
        if (Set(settings.Host) && Set(settings.Context))
        {
            throw new ConnectionSettingException("context", "Conflicting engine settings",
                "Set either host or context, not both (as `docker --host … --context …` refuses too).");
        }

        var (contextName, contextSource) =
            Set(settings.Context) ? (settings.Context, "the provider's context")
            : Set(settings.Host) || Env("DOCKER_HOST") is not null ? (null, null)
            : Env("DOCKER_CONTEXT") is { } fromEnvironment ? (fromEnvironment, "DOCKER_CONTEXT")
            : DockerCliConfig.Load(Env("DOCKER_CONFIG"), home).CurrentContext is { } current ? (current, $"currentContext in {Path.Combine(configDirectory, "config.json")}")
            : (null, null);

        if (contextName is not null && contextName != "default")
        {
            var context = DockerContextStore.Read(configDirectory, contextName, "context", contextSource!);
            return FromContext(context, settings, now);
        }

        var (host, source) = Set(settings.Host) ? (settings.Host!, "the provider's host")
            : Env("DOCKER_HOST") is { } fromEnv ? (fromEnv, "DOCKER_HOST")
            : (DefaultHost, "the default socket");
        var uri = Parse(host, source);
        var kind = KindOf(uri);
        var tlsByEnvironment = Env("DOCKER_TLS_VERIFY") is not null || Env("DOCKER_TLS") is not null;
        if (kind == EngineTransportKind.Tcp && uri.Scheme == "tcp" && (settings.HasTlsAttributes || tlsByEnvironment))
        {
            kind = EngineTransportKind.Tls;
        }

        return new EngineEndpoint
        {
            Host = uri,
            Kind = kind,
            Source = source,
            SshOptions = settings.SshOptions,
            Tls = kind == EngineTransportKind.Tls ? HostTls(settings, Env, configDirectory, now) : null,
        };
    }

    private static EngineEndpoint FromContext(DockerContext context, ConnectionSettings settings, DateTimeOffset now)
    {
        var source = $"Docker context \"{context.Name}\"";
        var uri = Parse(context.Host ?? DefaultHost, source);
        var kind = KindOf(uri);
        Pem? File(string name) => ReadIfExists(Path.Combine(context.TlsDirectory, name), "context", $"{source} ({Path.Combine(context.TlsDirectory, name)})");
        var (ca, cert, key) = (File("ca.pem"), File("cert.pem"), File("key.pem"));

        // The CLI uses TLS with a context's files, or when the context skips verification; a
        // socket never uses TLS.
        if (kind == EngineTransportKind.Tcp && (ca is not null || cert is not null || context.SkipTlsVerify || uri.Scheme == "https"))
        {
            kind = EngineTransportKind.Tls;
        }

        return new EngineEndpoint
        {
            Host = uri,
            Kind = kind,
            Source = source,
            ContextName = context.Name,
            SshOptions = settings.SshOptions,
            Tls = kind == EngineTransportKind.Tls ? TlsMaterial.Load(ca, cert, key, !context.SkipTlsVerify, now) : null,
        };
    }

    private static TlsSettings HostTls(ConnectionSettings settings, Func<string, string?> env, string configDirectory, DateTimeOffset now)
    {
        var (directory, setting, source) = settings.CertPath is { Length: > 0 } path ? (path, "cert_path", "cert_path")
            : env("DOCKER_CERT_PATH") is { } fromEnvironment ? (fromEnvironment, "cert_path", "DOCKER_CERT_PATH")
            : (configDirectory, "cert_path", "the Docker config directory");
        if (settings.CertPath is { Length: > 0 } && !Directory.Exists(directory))
        {
            throw new ConnectionSettingException("cert_path", "Missing certificate directory", $"cert_path \"{directory}\" is not a directory; it should hold ca.pem, cert.pem and key.pem.");
        }

        Pem? Pick(string? material, string attribute, string file) =>
            material is { Length: > 0 } ? new Pem(new TlsPart(attribute, attribute), material)
            : ReadIfExists(Path.Combine(directory, file), setting, $"{source} ({Path.Combine(directory, file)})");

        var ca = Pick(settings.CaMaterial, "ca_material", "ca.pem");
        var cert = Pick(settings.CertMaterial, "cert_material", "cert.pem");
        var key = Pick(settings.KeyMaterial, "key_material", "key.pem");

        // DOCKER_TLS alone encrypts without verifying, as the CLI's --tls without --tlsverify;
        // every other way in verifies the engine.
        var verify = settings.HasTlsAttributes || env("DOCKER_TLS_VERIFY") is not null || env("DOCKER_TLS") is null;
        if (verify && ca is null && env("DOCKER_TLS_VERIFY") is not null && !settings.HasTlsAttributes)
        {
            throw new ConnectionSettingException("cert_path", "Missing CA certificate",
                $"DOCKER_TLS_VERIFY is set but {Path.Combine(directory, "ca.pem")} does not exist ({source}); the Docker CLI refuses this too. Set DOCKER_CERT_PATH to the directory with ca.pem, cert.pem and key.pem.");
        }

        return TlsMaterial.Load(ca, cert, key, verify, now);
    }

    private static Pem? ReadIfExists(string path, string setting, string source)
    {
        try
        {
            return File.Exists(path) ? new Pem(new TlsPart(setting, source), File.ReadAllText(path)) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConnectionSettingException(setting, "Unreadable TLS file", $"{source} cannot be read: {ex.Message}");
        }
    }

    private static Uri Parse(string host, string source)
    {
        if (Uri.TryCreate(host, UriKind.Absolute, out var uri) && uri.Scheme is "unix" or "npipe" or "tcp" or "http" or "https" or "ssh")
        {
            if (uri.Scheme == "ssh" && uri.Host.Length == 0)
            {
                throw InvalidHost(host, source, "an ssh address needs a host: ssh://[user@]host[:port].");
            }

            return uri;
        }

        throw InvalidHost(host, source, "Use unix:///path/to/docker.sock, tcp://HOST:PORT (with TLS settings for a TLS engine), ssh://[user@]HOST[:PORT] or npipe:////./pipe/docker_engine.");
    }

    private static ConnectionSettingException InvalidHost(string host, string source, string hint) =>
        new("host", "Invalid Docker host", $"\"{host}\" ({source}) is not a Docker Engine address. {hint}");

    private static EngineTransportKind KindOf(Uri uri) => uri.Scheme switch
    {
        "unix" or "npipe" => EngineTransportKind.Socket,
        "ssh" => EngineTransportKind.Ssh,
        "https" => EngineTransportKind.Tls,
        _ => EngineTransportKind.Tcp,
    };

    private static bool Set(string? value) => !string.IsNullOrWhiteSpace(value);
}
