using System.ComponentModel;
using Immutable.Sdk.Framework;

namespace Immutable.Examples.SampleProvider;

/// <summary>The <c>sample_file</c> resource.</summary>
[Description("A file that is never edited in place: any change writes a new file and removes the old one.")]
public sealed record FileModel
{
    /// <summary>Where the file lives.</summary>
    [Required("Path of the file; relative paths are resolved against the provider's `base_directory`.")]
    public string? Path { get; init; }

    /// <summary>What the file holds.</summary>
    [Required("Content of the file (UTF-8).")]
    public string? Content { get; init; }

    /// <summary>Permission bits.</summary>
    [Optional("Unix permission bits as an octal string. Defaults to `0644`.", Default = "0644"), Pattern("0[0-7]{3}", "an octal permission string such as 0644")]
    public string? Mode { get; init; }

    /// <summary>Provider-only settings.</summary>
    [Optional("How long operations may take. Changing it never replaces the file."), Operational]
    public FileTimeouts? Timeouts { get; init; }

    /// <summary>Content digest.</summary>
    [Computed("SHA-256 of the content, lowercase hex. Known at plan time.")]
    public string? Sha256 { get; init; }

    /// <summary>Identifier.</summary>
    [Computed("The absolute path of the file.")]
    public string? Id { get; init; }
}

/// <summary>Operation deadlines.</summary>
public sealed record FileTimeouts
{
    /// <summary>Create deadline.</summary>
    [Optional("Deadline for writing the file, e.g. `30s`.")]
    public string? Create { get; init; }
}
