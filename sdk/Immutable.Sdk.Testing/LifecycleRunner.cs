using System.Diagnostics;

namespace Immutable.Sdk.Testing;

/// <summary>
/// Drives one resource type through the lifecycle every replace-only resource must survive:
/// schema lint → validate → plan create → apply → read → no-op plan → [deleted outside → read (gone) →
/// plan create → apply] → [drift → read → plan replace → apply → no-op plan] → plan change (exact replace
/// paths) → apply the replacement → read → no-op plan → import → no-op plan → destroy → read (gone).
/// Each step is checked the way Terraform core checks it; a violation throws with the step's name.
/// </summary>
public static class LifecycleRunner
{
    /// <summary>Runs the scenario; returns the steps with their durations.</summary>
    public static async Task<IReadOnlyList<(string Step, TimeSpan Duration)>> RunAsync(TerraformSession session, LifecycleScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(scenario);
        var steps = new List<(string, TimeSpan)>();
        var type = scenario.TypeName;
        var initial = session.Config(type, scenario.Initial);
        var changed = session.Config(type, scenario.Changed);

        async Task<T> Step<T>(string name, Func<Task<T>> action)
        {
            var stopwatch = Stopwatch.StartNew();
            try
            {
                var result = await action().ConfigureAwait(false);
                steps.Add((name, stopwatch.Elapsed));
                return result;
            }
            catch (Exception ex) when (ex is not LifecycleException)
            {
                throw new LifecycleException(name, ex.Message, ex);
            }
        }

        await Step("schema lint", () =>
        {
            var errors = SchemaLint.Check(type, session.Schema(type)).Where(f => f.IsError).ToList();
            Expect(errors.Count == 0, "schema lint", string.Join("; ", errors));
            return Task.FromResult(true);
        }).ConfigureAwait(false);

        await Step("configure provider", () => session.ConfigureAsync(session.ProviderConfig(scenario.ProviderConfig))).ConfigureAwait(false);

        var create = await Step("plan create", () => session.PlanAsync(type, null, initial)).ConfigureAwait(false);
        Expect(create.Action == PlanAction.Create, "plan create", $"expected Create, got {create.Action}");

        var state = await Step("apply create", () => session.ApplyAsync(create)).ConfigureAwait(false)
            ?? throw new LifecycleException("apply create", "no state after create");

        state = await Step("read", () => session.RefreshAsync(type, state)).ConfigureAwait(false)
            ?? throw new LifecycleException("read", "the object vanished right after create");

        var noop = await Step("plan without changes", () => session.PlanAsync(type, state, initial)).ConfigureAwait(false);
        Expect(noop.Action == PlanAction.NoOp, "plan without changes", $"expected no changes, got {noop.Action} (replace paths: {string.Join(", ", noop.RequiresReplace)})");

        var expectedAction = scenario.CreateBeforeDestroy ? PlanAction.CreateThenDelete : PlanAction.DeleteThenCreate;
        if (scenario.DeleteOutside is { } deleteOutside)
        {
            await Step("delete outside Terraform", async () =>
            {
                await deleteOutside(state).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
            var vanished = await Step("read after outside delete", () => session.RefreshAsync(type, state)).ConfigureAwait(false);
            Expect(vanished is null, "read after outside delete", "refresh still reports the object although it was deleted outside Terraform");
            var recreate = await Step("plan after outside delete", () => session.PlanAsync(type, null, initial)).ConfigureAwait(false);
            Expect(recreate.Action == PlanAction.Create, "plan after outside delete", $"expected Create, got {recreate.Action}");
            state = await Step("apply re-create", () => session.ApplyAsync(recreate)).ConfigureAwait(false)
                ?? throw new LifecycleException("apply re-create", "no state after re-create");
        }

        if (scenario.Drift is { } drift)
        {
            await Step("drift outside Terraform", async () =>
            {
                await drift(state).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
            var drifted = await Step("read after drift", () => session.RefreshAsync(type, state)).ConfigureAwait(false)
                ?? throw new LifecycleException("read after drift", "the object vanished; Drift should change it, DeleteOutside remove it");
            var heal = await Step("plan after drift", () => session.PlanAsync(type, drifted, initial, scenario.CreateBeforeDestroy)).ConfigureAwait(false);
            Expect(heal.Action == expectedAction, "plan after drift", $"expected {expectedAction} (drift is replaced, never left in place), got {heal.Action}");
            state = await Step("apply after drift", () => session.ApplyAsync(heal)).ConfigureAwait(false)
                ?? throw new LifecycleException("apply after drift", "no state after replacing the drifted object");
            var healed = await Step("plan after healing drift", () => session.PlanAsync(type, state, initial)).ConfigureAwait(false);
            Expect(healed.Action == PlanAction.NoOp, "plan after healing drift", $"expected no changes, got {healed.Action}");
        }

        var replace = await Step("plan change", () => session.PlanAsync(type, state, changed, scenario.CreateBeforeDestroy)).ConfigureAwait(false);
        Expect(replace.Action == expectedAction, "plan change", $"expected {expectedAction}, got {replace.Action}");
        var missing = scenario.ExpectedReplacePaths.Where(p => !replace.RequiresReplace.Contains(p)).ToList();
        var extra = replace.RequiresReplace.Where(p => !scenario.ExpectedReplacePaths.Contains(p)).ToList();
        Expect(missing.Count == 0 && (scenario.ReplacePathsAtLeast || extra.Count == 0), "plan change",
            $"expected replace paths [{string.Join(", ", scenario.ExpectedReplacePaths)}], the plan lists [{string.Join(", ", replace.RequiresReplace)}]" +
            (missing.Count > 0 ? $"; missing {string.Join(", ", missing)}" : string.Empty) +
            (extra.Count > 0 && !scenario.ReplacePathsAtLeast ? $"; unexpected {string.Join(", ", extra)} (set ReplacePathsAtLeast to accept more)" : string.Empty));

        state = await Step("apply replacement", () => session.ApplyAsync(replace)).ConfigureAwait(false)
            ?? throw new LifecycleException("apply replacement", "no state after replacement");
        state = await Step("read after replacement", () => session.RefreshAsync(type, state)).ConfigureAwait(false)
            ?? throw new LifecycleException("read after replacement", "the replacement vanished");

        var settled = await Step("plan after replacement", () => session.PlanAsync(type, state, changed)).ConfigureAwait(false);
        Expect(settled.Action == PlanAction.NoOp, "plan after replacement", $"expected no changes, got {settled.Action}");

        if (scenario.ImportId is { } importId)
        {
            var id = importId(state);
            var imported = await Step("import", () => session.ImportAsync(type, id)).ConfigureAwait(false);
            var afterImport = await Step("plan after import", () => session.PlanAsync(type, imported, changed)).ConfigureAwait(false);
            Expect(afterImport.Action == PlanAction.NoOp, "plan after import",
                $"an imported object must match its configuration; got {afterImport.Action} (replace paths: {string.Join(", ", afterImport.RequiresReplace)})");
        }

        await Step("destroy", async () =>
        {
            await session.DestroyAsync(type, state).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
        var gone = await Step("read after destroy", () => session.RefreshAsync(type, state)).ConfigureAwait(false);
        Expect(gone is null, "read after destroy", "the object still exists after destroy");
        return steps;
    }

    private static void Expect(bool condition, string step, string message)
    {
        if (!condition)
        {
            throw new LifecycleException(step, message);
        }
    }
}

/// <summary>A lifecycle step failed; names the step.</summary>
public sealed class LifecycleException(string step, string message, Exception? inner = null)
    : Exception($"[{step}] {message}", inner)
{
    /// <summary>The failing step.</summary>
    public string Step { get; } = step;
}
