using System.Text.Json;

namespace Immutable.Provider.Images;

/// <summary>
/// The labels an image carries about how it was made. They let Read recognise our images and let
/// Import rebuild the exact configuration from an image alone, so an import plans no replacement.
/// </summary>
public static class ImageRecipe
{
    /// <summary>Prefix of every label the provider owns.</summary>
    public const string Prefix = "org.immutable-infra.";

    /// <summary>Marks an image as made by this provider.</summary>
    public const string ManagedBy = Prefix + "managed-by";

    /// <summary>The context digest the image was built from.</summary>
    public const string ContextDigest = Prefix + "context-digest";

    private const string RecipeLabel = Prefix + "recipe";

    /// <summary>The provider's labels for a build, including the recipe.</summary>
    public static IReadOnlyDictionary<string, string> Labels(ImageModel planned, string contextDigest)
    {
        ArgumentNullException.ThrowIfNull(planned);
        return new Dictionary<string, string>
        {
            [ManagedBy] = "terraform-provider-immutable",
            [ContextDigest] = contextDigest,
            [RecipeLabel] = Serialize(planned),
        };
    }

    /// <summary>The configuration an image was built from, when it carries our recipe.</summary>
    public static ImageModel? Read(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (!labels.TryGetValue(RecipeLabel, out var json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, ProviderJsonContext.Default.ImageModel) is { } model
                ? new ImageModel
                {
                    Name = model.Name,
                    Context = model.Context,
                    Dockerfile = model.Dockerfile,
                    BuildArgs = model.BuildArgs,
                    Labels = model.Labels,
                    Target = model.Target,
                    Platform = model.Platform,
                    Push = model.Push,
                    KeepLocally = model.KeepLocally,
                    Triggers = model.Triggers,
                }
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Serialize(ImageModel planned) => JsonSerializer.Serialize(
        new ImageModel
        {
            Name = planned.Name,
            Context = planned.Context,
            Dockerfile = planned.Dockerfile,
            BuildArgs = planned.BuildArgs,
            Labels = planned.Labels,
            Target = planned.Target,
            Platform = planned.Platform,
            Push = planned.Push,
            KeepLocally = planned.KeepLocally,
            Triggers = planned.Triggers,
        },
        ProviderJsonContext.Default.ImageModel);
}
