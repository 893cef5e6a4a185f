using Immutable.Sdk.Docker.BuildContext;

namespace Immutable.Sdk.Docker.Images;

/// <summary>The OCI annotations a mature build sets: when (from the inputs, see <see cref="SourceDate"/>), and which commit of which repository.</summary>
internal static class OciLabels
{
    public static Dictionary<string, string> For(BuildInputs inputs)
    {
        var created = SourceDate.Of(inputs);
        var labels = new Dictionary<string, string>
        {
            [ImageLabels.Created] = Rfc3339.Format(created),
        };
        var (commit, origin) = GitRevision.Find(inputs.ContextDirectory);
        if (commit is not null)
        {
            labels[ImageLabels.Revision] = commit;
        }

        if (origin is not null && !origin.Contains('@', StringComparison.Ordinal))
        {
            // URLs with credentials in them never go into an image.
            labels[ImageLabels.Source] = origin;
        }

        return labels;
    }
}
