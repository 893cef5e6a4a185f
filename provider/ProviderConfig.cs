using System.Collections.Immutable;
using System.ComponentModel;
using Immutable.Sdk.Framework;

namespace Immutable.Provider;

/// <summary>The <c>provider "immutable"</c> block.</summary>
[Description("The Immutable provider bakes content-addressed container images and rolls them out by replacement, never by patching in place.")]
public sealed record ProviderConfig
{
    [Optional("Address of the Docker Engine API: `unix:///var/run/docker.sock`, `tcp://HOST:2376` (TLS with the certificate settings below or `DOCKER_TLS_VERIFY`), `ssh://[USER@]HOST[:PORT]` (runs `ssh … docker system dial-stdio`, with your ssh config and agent). Defaults to `DOCKER_HOST`, else the Docker context (`DOCKER_CONTEXT`, else the current context of `docker context use`), else the local socket. Conflicts with `context`.")]
    public string? Host { get; init; }

    [Optional("Name of a Docker context (`docker context ls`) whose engine address and TLS files to use, as `docker --context` does. Takes precedence over `DOCKER_HOST` and `DOCKER_CONTEXT`; `default` means no context. Conflicts with `host`.")]
    public string? Context { get; init; }

    [Optional("Directory holding `ca.pem`, `cert.pem` and `key.pem` for a TLS engine, as `DOCKER_CERT_PATH` (the default when `DOCKER_TLS_VERIFY` is set). Setting it turns TLS on for `tcp://` addresses, with the engine's certificate verified.")]
    public string? CertPath { get; init; }

    [Optional("PEM of the CA certificate(s) that signed the engine's certificate (instead of `ca.pem` in `cert_path`); only these CAs are trusted. Use `file(\"...\")` to read a file.")]
    public string? CaMaterial { get; init; }

    [Optional("PEM of the client certificate presented to a TLS engine (instead of `cert.pem` in `cert_path`); needs `key_material`.")]
    public string? CertMaterial { get; init; }

    [Optional("PEM of the client certificate's unencrypted private key (instead of `key.pem` in `cert_path`). Never logged; Terraform keeps it in saved plan files like any provider setting, so prefer `cert_path` or `DOCKER_CERT_PATH` where plans are stored."), Sensitive]
    public string? KeyMaterial { get; init; }

    [Optional("Extra arguments for `ssh` when `host` is an `ssh://` address, one argument per element, e.g. `[\"-i\", \"~/.ssh/deploy\", \"-o\", \"StrictHostKeyChecking=yes\"]`. The provider adds `-o ConnectTimeout=30` and `-o BatchMode=yes` unless given (it cannot answer prompts).")]
    public ImmutableArray<string>? SshOpts { get; init; }

    [Optional("The HAProxy image `immutable_rollout` endpoints run unless they set `endpoint.proxy_image` (HAProxy 2.6 or newer with `sh` and `nc`). Defaults to `IMMUTABLE_PROXY_IMAGE`, else `haproxy:2.6-alpine`; pin it by digest in production.")]
    public string? ProxyImage { get; init; }

    [Optional("Credentials for registries the provider pushes to and pulls from. Entries here take precedence over what the Docker CLI would use, which is used too: the registry's credential helper (`credHelpers` in `$DOCKER_CONFIG/config.json`, default `~/.docker/config.json`), else `credsStore`, else the logins in `auths`. Terraform writes this block, password included, into saved plan files: prefer a credential helper, or set the password from a variable fed by an environment variable (`TF_VAR_...`) and keep plan files private.")]
    public ImmutableArray<RegistryAuthConfig>? RegistryAuth { get; init; }
}

/// <summary>Credentials for one registry.</summary>
public sealed record RegistryAuthConfig
{
    [Required("Registry address as it appears in image names, e.g. `127.0.0.1:5000` or `ghcr.io`.")]
    public string? Address { get; init; }

    [Required("User name.")]
    public string? Username { get; init; }

    [Required("Password or token. Never logged."), Sensitive]
    public string? Password { get; init; }
}
