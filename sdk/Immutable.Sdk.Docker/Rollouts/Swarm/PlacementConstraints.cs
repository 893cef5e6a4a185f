using System.Text.RegularExpressions;
using Immutable.Sdk.Docker.Engine;

namespace Immutable.Sdk.Docker.Rollouts.Swarm;

/// <summary>
/// Checks Swarm placement constraints before anything is created: the syntax Swarm accepts
/// (<c>attribute==value</c> or <c>!=</c>), an attribute Swarm knows, and at least one node that
/// satisfies them all — so a typo is a diagnostic at plan time, not a task pending forever.
/// </summary>
public static partial class PlacementConstraints
{
    private static readonly string[] Attributes = ["node.id", "node.hostname", "node.role", "node.platform.os", "node.platform.arch"];
    private static readonly string[] LabelPrefixes = ["node.labels.", "engine.labels."];

    /// <summary>What is wrong with <paramref name="constraints"/> on <paramref name="nodes"/>; empty when they can be satisfied.</summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<string> constraints, IReadOnlyList<SwarmNodeFacts> nodes)
    {
        ArgumentNullException.ThrowIfNull(constraints);
        ArgumentNullException.ThrowIfNull(nodes);
        var problems = new List<string>();
        var parsed = new List<(string Attribute, bool Equal, string Value)>();
        foreach (var constraint in constraints)
        {
            var match = Syntax().Match(constraint);
            if (!match.Success)
            {
                problems.Add($"\"{constraint}\" is not a constraint: write attribute==value or attribute!=value (e.g. node.role==worker)");
                continue;
            }

            var attribute = match.Groups["attribute"].Value;
            if (!Attributes.Contains(attribute, StringComparer.Ordinal) && !LabelPrefixes.Any(p => attribute.StartsWith(p, StringComparison.Ordinal) && attribute.Length > p.Length))
            {
                problems.Add($"\"{constraint}\": Swarm knows no attribute {attribute} (use node.id, node.hostname, node.role, node.platform.os, node.platform.arch, node.labels.KEY or engine.labels.KEY)");
                continue;
            }

            parsed.Add((attribute, match.Groups["op"].Value == "==", match.Groups["value"].Value));
        }

        var schedulable = nodes.Where(n => n.Availability == "active").ToList();
        if (problems.Count == 0 && !schedulable.Any(n => parsed.All(c => Satisfies(n, c.Attribute, c.Equal, c.Value))))
        {
            problems.Add($"no active node satisfies {string.Join(" and ", constraints)} (nodes: {string.Join(", ", nodes.Select(Describe))})");
        }

        return problems;
    }

    private static bool Satisfies(SwarmNodeFacts node, string attribute, bool equal, string value)
    {
        var actual = attribute switch
        {
            "node.id" => node.Id,
            "node.hostname" => node.Hostname,
            "node.role" => node.Role,
            "node.platform.os" => node.Os,
            "node.platform.arch" => node.Architecture,
            _ when attribute.StartsWith("node.labels.", StringComparison.Ordinal) => node.Labels.GetValueOrDefault(attribute["node.labels.".Length..]),
            _ => node.EngineLabels.GetValueOrDefault(attribute["engine.labels.".Length..]),
        };

        // Swarm compares case-insensitively; a missing label never equals a value.
        var same = actual is not null && string.Equals(actual, value, StringComparison.OrdinalIgnoreCase);
        return equal ? same : !same;
    }

    private static string Describe(SwarmNodeFacts node) => $"{node.Hostname} ({node.Role}, {node.Availability})";

    [GeneratedRegex(@"^\s*(?<attribute>[A-Za-z][A-Za-z0-9_.\-]*)\s*(?<op>==|!=)\s*(?<value>[^\s=!][^=!]*?)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();
}
