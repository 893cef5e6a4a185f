namespace Immutable;

/// <summary>
/// Declares that instances of the annotated type never change after construction.
/// </summary>
/// <remarks>
/// <para>
/// The Immutable analyzers (rules IMM0001–IMM0004) only check types that carry this attribute, so
/// data-transfer objects and options classes that are meant to be mutable are never flagged.
/// On an <c>[Immutable]</c> type they report settable or non-readonly members, members whose type can
/// be mutated (arrays, <c>List&lt;T&gt;</c>, unannotated classes…), mutable base types and subtypes that
/// do not repeat the annotation.
/// </para>
/// <para>
/// The analyzers match this attribute by its full metadata name, <c>Immutable.ImmutableAttribute</c>.
/// Projects that do not reference the Immutable SDK can declare their own attribute with that exact
/// namespace and name and get the same checks.
/// </para>
/// <para>
/// A generic <c>[Immutable]</c> type is immutable when its type arguments are: members typed by a type
/// parameter are accepted in the declaration, and each use of the type with concrete arguments is checked.
/// </para>
/// </remarks>
[System.AttributeUsage(
    System.AttributeTargets.Class | System.AttributeTargets.Struct | System.AttributeTargets.Interface,
    AllowMultiple = false,
    Inherited = false)]
public sealed class ImmutableAttribute : System.Attribute
{
}
