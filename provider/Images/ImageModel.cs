using System.Collections.Immutable;
using System.ComponentModel;
using Immutable.Sdk.Framework;

namespace Immutable.Provider.Images;

/// <summary>The <c>immutable_image</c> resource.</summary>
[Description("""
    A container image baked from a build context through the Docker Engine API, content-addressed and pinned by digest.
    Any change to any attribute — including a change to a file inside the build context, detected at plan time through
    `context_digest` — replaces the image; nothing is ever rebuilt in place under the same identity.
    """)]
public sealed record ImageModel
{
    [Required("Repository to name the image with, e.g. `127.0.0.1:5000/shop/api`. The provider adds a content-derived tag; do not include a tag or digest.")]
    public string? Name { get; init; }

    [Required("Path of the build context directory, e.g. `${path.module}/app`. Files excluded by `.dockerignore` do not count.")]
    public string? Context { get; init; }

    [Optional("Path of the Dockerfile, relative to `context`. Defaults to `Dockerfile`.", Computed = true)]
    public string? Dockerfile { get; init; }

    [Optional("Build arguments (`ARG`) passed to the build.")]
    public ImmutableSortedDictionary<string, string>? BuildArgs { get; init; }

    [Optional("Labels set on the image, in addition to the provider's own `org.opencontainers.image.*` and `org.immutable-infra.*` labels.")]
    public ImmutableSortedDictionary<string, string>? Labels { get; init; }

    [Optional("Multi-stage build target. Defaults to the last stage.")]
    public string? Target { get; init; }

    [Optional("Platform to build for, e.g. `linux/amd64`. Defaults to the engine's own.")]
    public string? Platform { get; init; }

    [Optional("Push the image to the registry named in `name` and pin `reference` to the registry's manifest digest. Defaults to `false`.")]
    public bool? Push { get; init; }

    [Optional("Keep the local image when the resource is destroyed or replaced. Defaults to `false`. A pushed image always stays in the registry.")]
    public bool? KeepLocally { get; init; }

    [Optional("Arbitrary values; changing any of them rebuilds the image (e.g. a base image digest or a release id).")]
    public ImmutableSortedDictionary<string, string>? Triggers { get; init; }

    [Optional("`buildkit` (the default) or `classic`. BuildKit runs cache, secret and SSH mounts (`RUN --mount=...`); the classic builder is for engines without BuildKit. Changing it never replaces the image: it changes how the image is built, not what from."), Operational]
    public string? Builder { get; init; }

    [Optional("Build every step again instead of reusing cached layers (`docker build --no-cache`); BuildKit's cache mounts are kept. Changing it never replaces the image."), Operational]
    public bool? NoCache { get; init; }

    [Optional("Build secrets by id, for `RUN --mount=type=secret,id=ID` (BuildKit). Each reads its bytes at build time from a `file` or an environment variable (`env`) of the Terraform process; the bytes go to the build only, never into state, plan, logs, layers or history. Changing a secret's value or source never replaces the image: a Dockerfile that uses a new secret changes `context_digest` anyway."), Operational]
    public ImmutableSortedDictionary<string, ImageSecret>? Secrets { get; init; }

    [Optional("SSH agents forwarded to `RUN --mount=type=ssh` (BuildKit): `default` (the agent at `SSH_AUTH_SOCK`) or `ID=/path/to/agent.sock`. Changing it never replaces the image."), Operational]
    public ImmutableList<string>? Ssh { get; init; }

    [Optional("How long operations may take. Changing these never replaces the image."), Operational]
    public ImageTimeouts? Timeouts { get; init; }

    [Computed("The image's identity: its content-addressed `reference`.")]
    public string? Id { get; init; }

    [Computed("The local image id (`sha256:` digest of the image config).")]
    public string? ImageId { get; init; }

    [Computed("`sha256:` digest of everything the build sees: the files of the context after `.dockerignore`, the Dockerfile, build arguments, labels, target and platform. Known at plan time.")]
    public string? ContextDigest { get; init; }

    [Computed("The registry's manifest digest after a push (`sha256:...`); null when `push` is false.")]
    public string? RepoDigest { get; init; }

    [Computed("What a rollout must consume: `name@sha256:...` (the registry digest) when pushed, else the local image id.")]
    public string? Reference { get; init; }

    [Computed("When the image was built (RFC 3339).")]
    public string? CreatedAt { get; init; }
}

/// <summary>Operation deadlines.</summary>
public sealed record ImageTimeouts
{
    [Optional("Deadline for building (and pushing) the image, e.g. `20m`. Defaults to 20 minutes.")]
    public string? Create { get; init; }

    [Optional("Deadline for removing the local image, e.g. `5m`. Defaults to 5 minutes.")]
    public string? Delete { get; init; }
}

/// <summary>The attribute names of <see cref="ImageModel"/> as Terraform sees them (the snake_case property names), for plan-time code.</summary>
internal static class ImageAttributes
{
    public const string Name = "name";
    public const string Context = "context";
    public const string Dockerfile = "dockerfile";
    public const string BuildArgs = "build_args";
    public const string Labels = "labels";
    public const string Target = "target";
    public const string Platform = "platform";
    public const string Push = "push";
    public const string Timeouts = "timeouts";
    public const string ImageId = "image_id";
    public const string ContextDigest = "context_digest";
    public const string RepoDigest = "repo_digest";

    /// <summary>The attribute's path from the resource's root.</summary>
    public static Immutable.Cty.CtyPath Path(string attribute) => Immutable.Cty.CtyPath.Root.GetAttr(attribute);
}

/// <summary>Where a build secret's bytes come from.</summary>
public sealed record ImageSecret
{
    [Optional("Path of a file holding the secret. Exactly one of `file` and `env`.")]
    public string? File { get; init; }

    [Optional("Name of an environment variable of the Terraform process holding the secret. Exactly one of `file` and `env`.")]
    public string? Env { get; init; }
}
