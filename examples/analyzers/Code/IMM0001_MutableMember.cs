using Immutable;

namespace Examples.IMM0001;

// warning IMM0001: Property 'Name' of [Immutable] type 'Before' has a set accessor
// warning IMM0001: Field 'Port' of [Immutable] type 'Before' is not readonly
[Immutable]
public sealed class Before
{
    public int Port;

    public string Name { get; set; } = "web";
}

// Fix ("Make field readonly" / "Use 'init' instead of 'set'"):
[Immutable]
public sealed class After
{
    public readonly int Port;

    public string Name { get; init; } = "web";
}

// Not reported: DTOs and options classes are not opted in with [Immutable].
public sealed class ServerOptions
{
    public string Name { get; set; } = "web";

    public int Port { get; set; }
}
