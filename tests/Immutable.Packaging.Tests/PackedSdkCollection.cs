namespace Immutable.Packaging.Tests;

/// <summary>One packed SDK for every packaging test class: packing takes minutes, so it happens once per run.</summary>
[CollectionDefinition(Name)]
public sealed class PackedSdkCollection : ICollectionFixture<PackedSdk>
{
    public const string Name = "packed sdk";
}
