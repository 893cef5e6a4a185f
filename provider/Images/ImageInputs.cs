using Immutable.Cty;
using Immutable.Sdk.Docker.BuildContext;
using static Immutable.Provider.Images.ImageAttributes;

namespace Immutable.Provider.Images;

/// <summary>Turns an image configuration into the inputs of a build-context scan.</summary>
internal static class ImageInputs
{
    /// <summary>Inputs from a (possibly partly unknown) configuration; null when any of them is unknown.</summary>
    public static BuildInputs? FromConfig(CtyValue config)
    {
        string? Text(string name) => config.GetAttribute(name) is { IsNull: false } v ? v.AsString() : null;
        IReadOnlyDictionary<string, string> Map(string name) =>
            config.GetAttribute(name) is { IsNull: false } v ? v.MapElements.ToDictionary(e => e.Key, e => e.Value.AsString(), StringComparer.Ordinal) : new Dictionary<string, string>();

        foreach (var name in (string[])[Context, Dockerfile, BuildArgs, Labels, Target, Platform])
        {
            if (!config.GetAttribute(name).IsWhollyKnown)
            {
                return null;
            }
        }

        return new BuildInputs
        {
            ContextDirectory = Text(Context)!,
            Dockerfile = Text(Dockerfile) ?? BuildInputs.DefaultDockerfile,
            BuildArgs = Map(BuildArgs),
            Labels = Map(Labels),
            Target = Text(Target),
            Platform = Text(Platform),
            SourceDateEpoch = SourceDateEpoch(),
        };
    }

    /// <summary>Inputs from a planned model (everything known).</summary>
    public static BuildInputs FromModel(ImageModel model) => new()
    {
        ContextDirectory = model.Context!,
        Dockerfile = model.Dockerfile ?? BuildInputs.DefaultDockerfile,
        BuildArgs = model.BuildArgs ?? (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(),
        Labels = model.Labels ?? (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(),
        Target = model.Target,
        Platform = model.Platform,
        SourceDateEpoch = SourceDateEpoch(),
    };

    private static long? SourceDateEpoch() =>
        long.TryParse(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var epoch) ? epoch : null;
}
