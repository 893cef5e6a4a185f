using System.Collections.Generic;
using System.Collections.Immutable;
using Immutable;

namespace Examples.IMM0002;

// warning IMM0002: Property 'Tags' of [Immutable] type 'Before' has type 'List<string>', which is a mutable collection
// warning IMM0002: Property 'Ports' of [Immutable] type 'Before' has type 'int[]', which is an array, whose elements can be replaced
[Immutable]
public sealed record Before(string Name, List<string> Tags)
{
    public int[] Ports { get; init; } = [80, 443];
}

// Fix ("Use ImmutableList" / "Use ImmutableArray"):
[Immutable]
public sealed record After(string Name, ImmutableList<string> Tags)
{
    public ImmutableArray<int> Ports { get; init; } = [80, 443];
}
