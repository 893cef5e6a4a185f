using System.Text.Json;

namespace Immutable.Provider.Images;

/// <summary>
/// The configuration an image is built from, kept on the image (the engine's recipe label) so that
/// Import rebuilds the exact configuration from an image alone and an import plans no replacement.
/// </summary>
internal static class ImageRecipe
{
    /// <summary>The configuration attributes of <paramref name="planned"/> as the recipe label's JSON.</summary>
    public static string Serialize(ImageModel planned)
    {
        ArgumentNullException.ThrowIfNull(planned);
        return JsonSerializer.Serialize(ConfigurationOf(planned), ProviderJsonContext.Default.ImageModel);
    }

    /// <summary>The configuration an image was built from, when its recipe label is one of ours.</summary>
    public static ImageModel? Read(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, ProviderJsonContext.Default.ImageModel) is { } model ? ConfigurationOf(model) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ImageModel ConfigurationOf(ImageModel model) => new()
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
    };
}
