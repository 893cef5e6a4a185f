using Immutable.Sdk.Docker.Engine;
using Immutable.Sdk.Docker.References;

namespace Immutable.Sdk.Docker.Rollouts.Swarm;

/// <summary>
/// A task Swarm could not start because its node could not get the image. Swarm keeps rejecting new tasks
/// for as long as the pull fails (the task's error is only "No such image"), so waiting for the health gate's
/// deadline would add nothing: the first rejected task ends the rollout with what went wrong and what to check.
/// </summary>
public sealed partial class SwarmRuntime
{
    /// <summary>True when Swarm rejected <paramref name="task"/> (the node could not prepare it: most often the image).</summary>
    private static bool IsRejected(SwarmTaskFacts task) => task.State == "rejected";

    private static RolloutException Rejected(RolloutSpec spec, string instance, SwarmTaskFacts task)
    {
        var error = task.Error.Length > 0 ? task.Error : task.Message;
        if (!error.Contains("No such image", StringComparison.OrdinalIgnoreCase))
        {
            return new RolloutException(RolloutField.None, "Swarm could not start a task",
                $"Swarm rejected task {instance}: {error}. The rollout was rolled back: the previous generation keeps serving and the new service was removed.");
        }

        var registry = ImageReference.TryParse(spec.Image, out var reference) ? reference.Domain : "its registry";
        var credentials = spec.PullCredentials is null
            ? $"The provider has no credentials for {registry}: add a registry_auth block for it to the provider (or a Docker login or credential helper), so they are sent with the service."
            : $"The provider sent its credentials for {registry} ({spec.PullCredentials.Username}) with the service: check that they are right and allowed to pull, and that the image was pushed there.";
        return new RolloutException(RolloutField.Image, "Image could not be pulled",
            $"Swarm rejected task {instance}: {error}. The node could not pull {spec.Image}. {credentials} The rollout was rolled back: the previous generation keeps serving and the new service was removed.");
    }
}
