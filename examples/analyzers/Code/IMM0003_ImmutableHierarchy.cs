using Immutable;

namespace Examples.IMM0003;

[Immutable]
public abstract class Resource
{
    public string Id { get; init; } = "";
}

// warning IMM0003: 'Before' derives from [Immutable] type 'Resource' but is not annotated [Immutable], so it can add mutable state
public sealed class Before : Resource
{
}

// Fix ("Add [Immutable]"):
[Immutable]
public sealed class After : Resource
{
}
