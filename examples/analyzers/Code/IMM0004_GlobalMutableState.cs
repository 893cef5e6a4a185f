using System.Collections.Generic;
using System.Collections.Frozen;
using Immutable;

namespace Examples.IMM0004;

// warning IMM0004: Static field 's_defaultRegion' is not readonly; ...
// warning IMM0004: Static readonly field 's_limits' has type 'Dictionary<string, int>', which is a mutable collection; ...
[Immutable]
public sealed class Before
{
    private static string s_defaultRegion = "eu-west-1";
    private static readonly Dictionary<string, int> s_limits = new() { ["cpu"] = 2 };

    public static string Describe() => s_defaultRegion + s_limits.Count;
}

// Fix ("Make field readonly" / "Use FrozenDictionary", then build the frozen dictionary once):
[Immutable]
public sealed class After
{
    private static readonly string s_defaultRegion = "eu-west-1";
    private static readonly FrozenDictionary<string, int> s_limits = new Dictionary<string, int> { ["cpu"] = 2 }.ToFrozenDictionary();

    public static string Describe() => s_defaultRegion + s_limits.Count;
}
