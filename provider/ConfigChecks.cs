using Immutable.Cty;
using Immutable.Sdk.Framework;

namespace Immutable.Provider;

/// <summary>Configuration checks every resource of the provider shares. Unknown and null values are skipped: they are checked once known.</summary>
internal static class ConfigChecks
{
    /// <summary>The attribute's value when it is known and not null.</summary>
    public static CtyValue? Known(CtyValue parent, string name) =>
        parent.IsKnown && !parent.IsNull && parent.TryGetAttribute(name, out var value) && value.IsKnown && !value.IsNull ? value : null;

    /// <summary>The attribute's string when it is known and not null.</summary>
    public static string? Text(CtyValue parent, string name) => Known(parent, name)?.AsString();

    /// <summary>A duration attribute must read like Go's (30s, 5m, 1h30m) and not be negative.</summary>
    public static void Duration(CtyValue parent, string name, CtyPath path, Diagnostics diagnostics)
    {
        if (Text(parent, name) is { } text && (!GoDuration.TryParse(text, out var duration) || duration < TimeSpan.Zero))
        {
            diagnostics.AddError("Invalid duration", $"\"{text}\" is not a duration such as 30s, 5m or 1h30m.", path);
        }
    }

    /// <summary>The operational <c>timeouts = { create, delete }</c> attribute.</summary>
    public static void Timeouts(CtyValue config, Diagnostics diagnostics)
    {
        if (Known(config, "timeouts") is { } timeouts)
        {
            Duration(timeouts, "create", CtyPath.Root.GetAttr("timeouts").GetAttr("create"), diagnostics);
            Duration(timeouts, "delete", CtyPath.Root.GetAttr("timeouts").GetAttr("delete"), diagnostics);
        }
    }

    /// <summary>Times in state: RFC 3339, UTC, whole seconds.</summary>
    public static string Timestamp(DateTimeOffset time) => Immutable.Sdk.Docker.Rfc3339.Format(time);
}
