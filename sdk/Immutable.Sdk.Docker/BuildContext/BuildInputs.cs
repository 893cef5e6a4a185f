namespace Immutable.Sdk.Docker.BuildContext;

/// <summary>
/// Everything that decides what an image build receives: the context, the Dockerfile and the build
/// parameters. Two equal inputs over equal file trees give the same <see cref="ContextSnapshot.Digest"/>
/// on any machine.
/// </summary>
public sealed record BuildInputs
{
    /// <summary>The Dockerfile a build uses when none is named.</summary>
    public const string DefaultDockerfile = "Dockerfile";

    /// <summary>The context directory (absolute, or relative to the current directory).</summary>
    public required string ContextDirectory { get; init; }

    /// <summary>
    /// The Dockerfile, relative to the context (either slash works); <see langword="null"/> means
    /// <c>Dockerfile</c>, falling back to <c>dockerfile</c> as docker/cli does. An absolute path is
    /// accepted when it lies inside the context.
    /// </summary>
    public string? Dockerfile { get; init; }

    /// <summary>Build arguments (<c>--build-arg</c>). Order does not matter: the digest sorts them.</summary>
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();

    /// <summary>The target stage (<c>--target</c>), or <see langword="null"/> for the last stage.</summary>
    public string? Target { get; init; }

    /// <summary>The target platform (<c>--platform</c>, e.g. <c>linux/amd64</c>), or <see langword="null"/>.</summary>
    public string? Platform { get; init; }

    /// <summary>Labels set on the image (<c>--label</c>); they change the image config, so they count.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// SOURCE_DATE_EPOCH in seconds: the modification time written into every tar entry. <see langword="null"/> writes 0.
    /// </summary>
    public long? SourceDateEpoch { get; init; }
}
