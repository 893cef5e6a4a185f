using System.Collections.Concurrent;
using Immutable.Cty;
using Immutable.Sdk.Framework;

namespace Immutable.Sdk.Tests.Framework;

/// <summary>
/// A replace-only resource whose "real objects" live in a dictionary: it exercises the
/// framework's generic planning and state handling, not any infrastructure.
/// </summary>
internal sealed class ThingResource() : ReplaceOnlyResource<ThingModel>("test_thing", TestJsonContext.Default.ThingModel)
{
    public ConcurrentDictionary<string, ThingModel> World { get; } = new();

    public Func<ThingModel, ResourceContext, Task>? BeforeCreate { get; set; }

    public string? DigestOverride { get; set; }

    protected override Task ModifyPlanAsync(PlanModification plan, ResourceContext context)
    {
        var name = plan.Config.GetAttribute("name");
        if (name.IsKnown && !name.IsNull)
        {
            plan.SetComputed("digest", CtyValue.String("d-" + name.AsString()));
        }

        return Task.CompletedTask;
    }

    protected override async Task<ThingModel> CreateAsync(ThingModel planned, ResourceContext context)
    {
        if (BeforeCreate is { } hook)
        {
            await hook(planned, context);
        }

        var created = planned with
        {
            Id = "id-" + planned.Name,
            Size = planned.Size ?? 42,
            Digest = DigestOverride ?? "d-" + planned.Name,
            Limits = planned.Limits is null ? null : planned.Limits with { Memory = planned.Limits.Memory ?? 512 },
            Password = null,
        };
        World[created.Id] = created;
        return created;
    }

    protected override Task<ThingModel?> ReadAsync(ThingModel current, ResourceContext context) =>
        Task.FromResult(World.TryGetValue(current.Id!, out var found) ? found : null);

    protected override Task DeleteAsync(ThingModel current, ResourceContext context)
    {
        World.TryRemove(current.Id!, out _);
        return Task.CompletedTask;
    }
}
