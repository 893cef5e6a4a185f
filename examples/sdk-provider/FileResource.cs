using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Immutable.Cty;
using Immutable.Sdk.Framework;

namespace Immutable.Examples.SampleProvider;

/// <summary>
/// <c>sample_file</c>: create writes the file (refusing to overwrite one it does not own), read
/// reports it as it is on disk (so edits made out of band show up as drift), delete removes it.
/// </summary>
public sealed class FileResource() : ReplaceOnlyResource<FileModel>("sample_file", SampleJsonContext.Default.FileModel)
{
    /// <inheritdoc />
    protected override Task ModifyPlanAsync(PlanModification<FileModel> plan, ResourceContext context)
    {
        // Known at plan time, so the plan shows the digest and the absolute path before anything is written.
        if (plan.Configuration.Get(m => m.Content).TryGetValue(out var content))
        {
            plan.SetComputed(m => m.Sha256, Digest(content));
        }

        if (plan.Configuration.Get(m => m.Path).TryGetValue(out var path))
        {
            var settings = context.ProviderData as SampleSettings;
            plan.SetComputed(m => m.Id, System.IO.Path.GetFullPath(path, settings?.BaseDirectory ?? Directory.GetCurrentDirectory()));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override async Task<FileModel> CreateAsync(FileModel planned, ResourceContext context)
    {
        var path = Resolve(planned.Path!, context);
        if (File.Exists(path))
        {
            throw new DiagnosticException(Diagnostic.Error(
                "File already exists",
                $"{path} exists and is not managed by this resource. Import it (terraform import) or remove it; it is never overwritten.",
                CtyPath.Root.GetAttr("path")));
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);

        // Write aside, then move into place: a reader never sees a half-written file.
        var temporary = path + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        await File.WriteAllTextAsync(temporary, planned.Content, context.Cancellation).ConfigureAwait(false);
        var mode = planned.Mode!;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, (UnixFileMode)Convert.ToInt32(mode, 8));
        }

        File.Move(temporary, path, overwrite: false);
        return planned with { Mode = mode, Sha256 = Digest(planned.Content!), Id = path };
    }

    /// <inheritdoc />
    protected override async Task<FileModel?> ReadAsync(FileModel current, ResourceContext context)
    {
        var path = current.Id ?? Resolve(current.Path!, context);
        if (!File.Exists(path))
        {
            return null;
        }

        var content = await File.ReadAllTextAsync(path, context.Cancellation).ConfigureAwait(false);
        return current with { Content = content, Sha256 = Digest(content), Mode = ReadMode(path) ?? current.Mode, Id = path };
    }

    /// <inheritdoc />
    protected override Task DeleteAsync(FileModel current, ResourceContext context)
    {
        File.Delete(current.Id ?? Resolve(current.Path!, context));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override async Task<FileModel?> ImportAsync(string id, ResourceContext context)
    {
        var path = Resolve(id, context);
        if (!File.Exists(path))
        {
            return null;
        }

        var content = await File.ReadAllTextAsync(path, context.Cancellation).ConfigureAwait(false);
        return new FileModel { Path = id, Content = content, Mode = ReadMode(path) ?? Schema.Find("mode")!.Default!.AsString(), Sha256 = Digest(content), Id = path };
    }

    private static string Resolve(string path, ResourceContext context) =>
        System.IO.Path.GetFullPath(path, context.ProviderDataAs<SampleSettings>().BaseDirectory);

    private static string Digest(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    private static string? ReadMode(string path) =>
        OperatingSystem.IsWindows() ? null : "0" + Convert.ToString((int)File.GetUnixFileMode(path), 8);
}
