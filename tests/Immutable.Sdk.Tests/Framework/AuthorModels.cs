using System.ComponentModel;
using System.Text.Json.Serialization;
using Immutable.Sdk.Framework;

namespace Immutable.Sdk.Tests.Framework;

/// <summary>A model written the way a new author writes it: no naming policy on its JSON context.</summary>
[Description("A note written to a file.")]
public sealed record NoteModel
{
    [Required("Where the note lives.")]
    public string? FilePath { get; init; }

    [Optional("The note's kind."), OneOf("memo", "todo")]
    public string? Kind { get; init; }

    [Optional("Unix permission bits.", Default = "0644"), Pattern("0[0-7]{3}", "an octal mode such as 0644")]
    public string? Mode { get; init; }

    [Optional("Copies to keep.", Default = 1), InRange(1, 10)]
    public long? Copies { get; init; }

    [Optional("How long the note is kept."), Duration]
    public string? KeepFor { get; init; }

    [Optional("Tags, each a short word."), Pattern("[a-z]+", "a lowercase word")]
    public IReadOnlyList<string>? Tags { get; init; }

    [Optional("Where copies go.")]
    public NoteTarget? Target { get; init; }

    [Computed("SHA-256 of the path, known at plan time.")]
    public string? PathDigest { get; init; }

    [Computed("When the note was last checked; recorded, never a reason to replace."), DoesNotForceReplacement]
    public string? CheckedBy { get; init; }

    [Computed("Identifier.")]
    public string? Id { get; init; }
}

public sealed record NoteTarget
{
    [Required("Directory of the copies.")]
    public string? DirectoryName { get; init; }

    [Optional("Copies per directory.", Default = 2), InRange(1, 5)]
    public long? PerDirectory { get; init; }
}

/// <summary>A model whose JSON name cannot become a Terraform name.</summary>
public sealed record BadNameModel
{
    [Required("A name with a dash."), JsonPropertyName("file-path")]
    public string? FilePath { get; init; }
}

/// <summary>A default whose type does not fit the attribute.</summary>
public sealed record BadDefaultModel
{
    [Optional("A count.", Default = "three")]
    public long? Count { get; init; }
}

/// <summary>A validator on a type it cannot check.</summary>
public sealed record BadValidatorModel
{
    [Optional("A count."), OneOf("a")]
    public long? Count { get; init; }
}

[JsonSerializable(typeof(NoteModel))]
[JsonSerializable(typeof(BadNameModel))]
[JsonSerializable(typeof(BadDefaultModel))]
[JsonSerializable(typeof(BadValidatorModel))]
internal sealed partial class AuthorJsonContext : JsonSerializerContext
{
}
