using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Immutable.Cty;
using Immutable.Sdk.Framework;

namespace Immutable.Sdk.Tests.Framework;

/// <summary>A replace-only resource written with the typed plan API; its "real objects" live in a dictionary.</summary>
internal sealed class NoteResource() : ReplaceOnlyResource<NoteModel>("test_note", AuthorJsonContext.Default.NoteModel)
{
    public ConcurrentDictionary<string, NoteModel> World { get; } = new();

    public string CheckedBy { get; set; } = "first";

    public string? MisnamedComputed { get; set; }

    public List<string> Seen { get; } = [];

    protected override void Validate(ModelView<NoteModel> config, Diagnostics diagnostics)
    {
        if (config.Get(m => m.Kind).TryGetValue(out var kind) && kind == "todo" && config.Get(m => m.KeepFor).IsNull)
        {
            diagnostics.AddError("A todo needs keep_for", "Say how long a todo is kept.", config.PathOf(m => m.KeepFor));
        }
    }

    protected override Task ModifyPlanAsync(PlanModification<NoteModel> plan, ResourceContext context)
    {
        var path = plan.Configuration.Get(m => m.FilePath);
        Seen.Add($"file_path={path}; target.directory_name={plan.Configuration.Get(m => m.Target!.DirectoryName)}");
        if (path.TryGetValue(out var known))
        {
            plan.SetComputed(m => m.PathDigest, Digest(known));
        }
        else
        {
            plan.SetUnknown(m => m.PathDigest);
        }

        plan.SetComputed(m => m.CheckedBy, CheckedBy);
        if (MisnamedComputed is { } name)
        {
            plan.SetComputed(name, CtyValue.String("x"));
        }

        return Task.CompletedTask;
    }

    protected override Task<NoteModel> CreateAsync(NoteModel planned, ResourceContext context)
    {
        var created = planned with { Id = "note-" + planned.FilePath, PathDigest = Digest(planned.FilePath!) };
        World[created.Id] = created;
        return Task.FromResult(created);
    }

    protected override Task<NoteModel?> ReadAsync(NoteModel current, ResourceContext context) =>
        Task.FromResult(World.TryGetValue(current.Id!, out var found) ? found : null);

    protected override Task DeleteAsync(NoteModel current, ResourceContext context)
    {
        World.TryRemove(current.Id!, out _);
        return Task.CompletedTask;
    }

    private static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
