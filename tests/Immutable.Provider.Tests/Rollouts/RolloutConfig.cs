using Immutable.Cty;
using Immutable.Sdk.Testing;

namespace Immutable.Provider.Tests.Rollouts;

/// <summary>Builds <c>immutable_rollout</c> configurations as HCL would, with nested objects typed by the provider's schema.</summary>
internal sealed record RolloutConfig
{
    public required string Name { get; init; }

    public required string Image { get; init; }

    public int HostPort { get; init; }

    public int Replicas { get; init; } = 2;

    public string Strategy { get; init; } = "blue_green";

    public IReadOnlyList<(int Weight, string Pause)> Steps { get; init; } = [];

    public string? HealthPath { get; init; } = "/healthz";

    public string Deadline { get; init; } = "20s";

    public string DrainTimeout { get; init; } = "5s";

    public string? MaxAge { get; init; }

    public bool AllowUnpinned { get; init; }

    public CtyValue Build(TerraformSession session)
    {
        var schema = session.Schema("immutable_rollout");
        CtyValue Nested(string attribute, params (string Name, CtyValue Value)[] values) =>
            Object((CtyObjectType)schema.Find(attribute)!.Type, values);

        var stepsType = (CtyListType)((CtyObjectType)schema.Find("strategy")!.Type).GetAttributeType("steps");
        var steps = Steps.Count == 0
            ? CtyValue.Null(stepsType)
            : CtyValue.List(stepsType.ElementType, Steps.Select(s => Object((CtyObjectType)stepsType.ElementType, ("weight", CtyValue.Number(s.Weight)), ("pause", CtyValue.String(s.Pause)))));
        var attributes = new Dictionary<string, CtyValue>
        {
            ["name"] = CtyValue.String(Name),
            ["image"] = CtyValue.String(Image),
            ["replicas"] = CtyValue.Number(Replicas),
            ["port"] = CtyValue.Number(8080),
            ["endpoint"] = Nested("endpoint", ("host_port", CtyValue.Number(HostPort)), ("host_ip", CtyValue.String("127.0.0.1"))),
            ["strategy"] = Nested("strategy", ("type", CtyValue.String(Strategy)), ("steps", steps)),
            ["health_check"] = Nested("health_check",
                ("http_path", HealthPath is null ? CtyValue.Null(CtyType.String) : CtyValue.String(HealthPath)),
                ("interval", CtyValue.String("250ms")),
                ("timeout", CtyValue.String("1s"))),
            ["deadline"] = CtyValue.String(Deadline),
            ["drain_timeout"] = CtyValue.String(DrainTimeout),
            ["env"] = CtyValue.Map(CtyType.String, new Dictionary<string, CtyValue> { ["MODE"] = CtyValue.String("test") }),
        };
        if (MaxAge is not null)
        {
            attributes["max_age"] = CtyValue.String(MaxAge);
        }

        if (AllowUnpinned)
        {
            attributes["allow_unpinned_image"] = CtyValue.Bool(true);
        }

        return session.Config("immutable_rollout", attributes);
    }

    private static CtyValue Object(CtyObjectType type, params (string Name, CtyValue Value)[] values)
    {
        var given = values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return CtyValue.Object(type.AttributeNames.ToDictionary(
            n => n,
            n => given.TryGetValue(n, out var v) ? v : CtyValue.Null(type.GetAttributeType(n)),
            StringComparer.Ordinal));
    }
}
