using Immutable.Cty;
using Immutable.Sdk.Testing;

namespace Immutable.Provider.Tests.Rollouts;

/// <summary>
/// Phoenix tests never wait for a clock: a rollout is created with a long <c>max_age</c>, and the expired
/// case is that same stored state with <c>expires_at</c> moved back to the recorded <c>started_at</c>.
/// </summary>
internal static class PhoenixStates
{
    /// <summary>The stored state as it is once its expiry passed: expires_at set to the recorded started_at.</summary>
    public static StoredState Expired(StoredState state)
    {
        var startedAt = state.Value.GetAttribute("started_at");
        var json = System.Text.Json.Nodes.JsonNode.Parse(state.Json)!;
        json["expires_at"] = startedAt.AsString();
        return state with
        {
            Value = CtyValue.Object(state.Value.Attributes.Select(a => KeyValuePair.Create(a.Key, a.Key == "expires_at" ? startedAt : a.Value))),
            Json = System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()),
        };
    }
}
