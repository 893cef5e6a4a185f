using Microsoft.CodeAnalysis;

namespace Immutable.Analyzers;

/// <summary>Rule identifiers of the Immutable analyzers.</summary>
public static class DiagnosticIds
{
    /// <summary>Mutable member in an [Immutable] type.</summary>
    public const string MutableMember = "IMM0001";

    /// <summary>Member of an [Immutable] type has a mutable type.</summary>
    public const string MutableMemberType = "IMM0002";

    /// <summary>Mutable base type, or unannotated subtype, of an [Immutable] type.</summary>
    public const string ImmutableHierarchy = "IMM0003";

    /// <summary>Process-global mutable state.</summary>
    public const string GlobalMutableState = "IMM0004";

    /// <summary>Running container patched in place.</summary>
    public const string ContainerPatchedInPlace = "IMM0005";

    /// <summary>Host patched over SSH.</summary>
    public const string HostPatchedOverSsh = "IMM0006";

    /// <summary>Package installed at run time.</summary>
    public const string RuntimePackageInstall = "IMM0007";

    /// <summary>Mutable container image reference.</summary>
    public const string MutableImageReference = "IMM0008";

    /// <summary>Write into the application's own directory.</summary>
    public const string AppDirectoryWrite = "IMM0009";
}

/// <summary>Diagnostic categories.</summary>
public static class DiagnosticCategories
{
    /// <summary>Rules that check the immutability of code annotated with [Immutable].</summary>
    public const string ImmutableCode = "ImmutableCode";

    /// <summary>Rules that find code mutating infrastructure that should be replaced instead.</summary>
    public const string ImmutableInfrastructure = "ImmutableInfrastructure";
}

internal static class Descriptors
{
    private const string HelpBase = "https://github.com/immutable-infra/immutable/blob/main/docs/analyzers/";

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, string description) =>
        new(
            id,
            title,
            message,
            category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: description,
            helpLinkUri: HelpBase + id + ".md");

    public static readonly DiagnosticDescriptor MutableMember = Create(
        DiagnosticIds.MutableMember,
        "Member of an [Immutable] type can be changed after construction",
        "{0} '{1}' of [Immutable] type '{2}' {3}",
        DiagnosticCategories.ImmutableCode,
        "Types annotated with [Immutable] must not have non-readonly instance fields, set accessors (init is fine), field-like events, captured primary-constructor parameters or positional properties of a non-readonly record struct.");

    public static readonly DiagnosticDescriptor MutableMemberType = Create(
        DiagnosticIds.MutableMemberType,
        "Member of an [Immutable] type has a mutable type",
        "{0} '{1}' of [Immutable] type '{2}' has type '{3}', which {4}",
        DiagnosticCategories.ImmutableCode,
        "A readonly member is only as immutable as the object it refers to. Members of [Immutable] types must have deeply immutable types: immutable primitives, System.Collections.Immutable or Frozen collections, other [Immutable] types, or types listed in immutable.known_immutable_types.");

    public static readonly DiagnosticDescriptor ImmutableHierarchy = Create(
        DiagnosticIds.ImmutableHierarchy,
        "Mutable type in the hierarchy of an [Immutable] type",
        "{0}",
        DiagnosticCategories.ImmutableCode,
        "An [Immutable] type must derive from an immutable base type, and every type deriving from or implementing an [Immutable] type must be annotated [Immutable] itself, otherwise it can add mutable state to instances seen as immutable.");

    public static readonly DiagnosticDescriptor GlobalMutableState = Create(
        DiagnosticIds.GlobalMutableState,
        "Process-global mutable state",
        "Static {0} '{1}' {2}; process-global state makes instances behave differently over the life of the process",
        DiagnosticCategories.ImmutableCode,
        "Non-readonly static fields, settable static properties, static field-like events and static readonly members of a mutable type are shared, mutable state of the whole process.");

    public static readonly DiagnosticDescriptor ContainerPatchedInPlace = Create(
        DiagnosticIds.ContainerPatchedInPlace,
        "Running container is patched in place",
        "'{0}' changes a running container in place; build a new image and replace the container instead",
        DiagnosticCategories.ImmutableInfrastructure,
        "Updating, executing commands in or copying files into a running container makes it drift from its image. Immutable infrastructure replaces containers with new ones built from a new image.");

    public static readonly DiagnosticDescriptor HostPatchedOverSsh = Create(
        DiagnosticIds.HostPatchedOverSsh,
        "Host is patched over SSH",
        "'{0}'{1} changes a running host over SSH; bake the change into a new machine image and replace the host instead",
        DiagnosticCategories.ImmutableInfrastructure,
        "Running commands on, or uploading and changing files on, a host over SSH makes it drift from its image. Immutable infrastructure replaces hosts built from a new image.");

    public static readonly DiagnosticDescriptor RuntimePackageInstall = Create(
        DiagnosticIds.RuntimePackageInstall,
        "Packages are installed at run time",
        "Starting '{0}'{1} installs or changes packages at run time; install dependencies when building the image instead",
        DiagnosticCategories.ImmutableInfrastructure,
        "Running a package manager (apt, yum, dnf, apk, pip, npm, gem, winget, choco…) from a running application changes the machine it runs on, so two instances of the same image diverge.");

    public static readonly DiagnosticDescriptor MutableImageReference = Create(
        DiagnosticIds.MutableImageReference,
        "Container image reference is mutable",
        "Image reference '{0}'{2} {1}; pin a version tag or an @sha256: digest",
        DiagnosticCategories.ImmutableInfrastructure,
        "An image reference without a tag, or with the 'latest' tag, can resolve to different images over time, so two deployments of the same code run different software.");

    public static readonly DiagnosticDescriptor AppDirectoryWrite = Create(
        DiagnosticIds.AppDirectoryWrite,
        "Application writes into its own directory",
        "'{0}'{2} writes into the application's own directory (from '{1}'); write to a volume, a temporary directory or an external store instead",
        DiagnosticCategories.ImmutableInfrastructure,
        "The directory an application is deployed to is part of its immutable image. Writing there at run time makes instances diverge, fails on read-only file systems and is lost when the instance is replaced.");
}
