using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Immutable.Cty;
using Immutable.Sdk.Docker.BuildKit;
using Immutable.Sdk.Docker.Images;
using Immutable.Sdk.Framework;

namespace Immutable.Provider.Images;

/// <summary>
/// The operational build settings of <c>immutable_image</c> — <c>builder</c>, <c>no_cache</c>,
/// <c>secrets</c>, <c>ssh</c>: their checks (at validate and plan time, where Terraform shows them on
/// the attribute) and their mapping onto the SDK's build request.
/// </summary>
internal static partial class ImageBuildOptions
{
    /// <summary>Checks what is known of the configuration; secret sources and agents must be readable now.</summary>
    public static void Validate(CtyValue config, Diagnostics diagnostics)
    {
        var builder = config.GetAttribute("builder");
        var classic = false;
        if (builder.IsKnown && !builder.IsNull)
        {
            classic = builder.AsString() == ImageBuilders.Classic;
            if (!classic && builder.AsString() != ImageBuilders.BuildKit)
            {
                diagnostics.AddError("Invalid builder", $"\"{builder.AsString()}\" is not a builder: use \"{ImageBuilders.BuildKit}\" or \"{ImageBuilders.Classic}\".", CtyPath.Root.GetAttr("builder"));
            }
        }

        var secrets = config.GetAttribute("secrets");
        if (secrets.IsKnown && !secrets.IsNull)
        {
            if (classic && secrets.MapElements.Count > 0)
            {
                diagnostics.AddError("Build secrets need BuildKit", "The classic builder cannot serve build secrets; remove builder = \"classic\" or the secrets.", CtyPath.Root.GetAttr("builder"));
            }

            foreach (var (id, source) in secrets.MapElements)
            {
                var path = CtyPath.Root.GetAttr("secrets").Index(CtyValue.String(id));
                if (!source.IsWhollyKnown)
                {
                    continue;
                }

                var file = source.GetAttribute("file");
                var env = source.GetAttribute("env");
                if (file.IsNull == env.IsNull)
                {
                    diagnostics.AddError("Invalid build secret", $"The secret {id} needs exactly one of file and env.", path);
                }
                else if (SecretOf(file, env).Problem() is { } problem)
                {
                    diagnostics.AddError("Build secret unavailable", $"The secret {id} cannot be read: {problem}.", path);
                }
            }
        }

        var ssh = config.GetAttribute("ssh");
        if (ssh.IsKnown && !ssh.IsNull)
        {
            if (classic && ssh.Elements.Count > 0)
            {
                diagnostics.AddError("SSH forwarding needs BuildKit", "The classic builder cannot forward SSH agents; remove builder = \"classic\" or ssh.", CtyPath.Root.GetAttr("builder"));
            }

            for (var i = 0; i < ssh.Elements.Count; i++)
            {
                if (ssh.Elements[i] is { IsKnown: true, IsNull: false } entry && AgentProblem(entry.AsString()) is { } problem)
                {
                    diagnostics.AddError("SSH agent unavailable", problem, CtyPath.Root.GetAttr("ssh").Index(CtyValue.Number(i)));
                }
            }
        }
    }

    /// <summary>
    /// A Dockerfile that needs BuildKit (<c>RUN --mount</c>) with <c>builder = "classic"</c> fails at
    /// plan time rather than in the middle of the apply.
    /// </summary>
    public static void CheckDockerfile(CtyValue config, string dockerfilePath, Diagnostics diagnostics)
    {
        var builder = config.GetAttribute("builder");
        if (!builder.IsKnown || builder.IsNull || builder.AsString() != ImageBuilders.Classic || !File.Exists(dockerfilePath))
        {
            return;
        }

        var text = File.ReadAllText(dockerfilePath);
        if (MountFlag().IsMatch(text))
        {
            diagnostics.AddError("Dockerfile needs BuildKit", $"{dockerfilePath} uses RUN --mount, which only BuildKit runs; remove builder = \"classic\".", CtyPath.Root.GetAttr("builder"));
        }
    }

    /// <summary>The SDK request's operational part, from the planned model.</summary>
    public static ImageRequest Apply(ImageRequest request, ImageModel planned) => request with
    {
        NoCache = planned.NoCache == true,
        Secrets = (planned.Secrets ?? ImmutableSortedDictionary<string, ImageSecret>.Empty).ToDictionary(
            e => e.Key,
            e => e.Value.File is { } file ? BuildSecret.FromFile(file) : BuildSecret.FromEnvironment(e.Value.Env!),
            StringComparer.Ordinal),
        SshAgents = (planned.Ssh ?? ImmutableList<string>.Empty).Select(Agent).ToDictionary(a => a.Id, a => a.Socket!, StringComparer.Ordinal),
    };

    /// <summary>The model as the image's recipe label records it: the operational settings (paths, names) stay out.</summary>
    public static ImageModel WithoutOperational(ImageModel model) => model with { Builder = null, NoCache = null, Secrets = null, Ssh = null };

    private static BuildSecret SecretOf(CtyValue file, CtyValue env) =>
        file.IsNull ? BuildSecret.FromEnvironment(env.AsString()) : BuildSecret.FromFile(file.AsString());

    private static string? AgentProblem(string entry)
    {
        var (id, socket) = Agent(entry);
        return socket is null
            ? $"The SSH agent {id} needs SSH_AUTH_SOCK set (or write ID=/path/to/agent.sock)."
            : File.Exists(socket) ? null : $"The SSH agent socket {socket} (for {id}) does not exist.";
    }

    /// <summary><c>default</c> is the agent at SSH_AUTH_SOCK; <c>ID=PATH</c> names a socket.</summary>
    private static (string Id, string? Socket) Agent(string entry)
    {
        var equals = entry.IndexOf('=', StringComparison.Ordinal);
        return equals > 0
            ? (entry[..equals], entry[(equals + 1)..])
            : (entry, Environment.GetEnvironmentVariable("SSH_AUTH_SOCK") is { Length: > 0 } socket ? socket : null);
    }

    [GeneratedRegex(@"^\s*RUN\s+(.*\s)?--mount[=\s]", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex MountFlag();
}
