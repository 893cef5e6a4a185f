namespace Immutable;

/// <summary>
/// An audited opt-out from the Immutable analyzers: marks a member, parameter or type that is mutable on purpose,
/// and records who owns that decision and why.
/// </summary>
/// <remarks>
/// <para>
/// On a field, property, event or primary-constructor parameter of an <c>[Immutable]</c> type, the analyzers
/// do not report that member. On a type, the type is accepted wherever an immutable type is required (for
/// example as the type of a member of an <c>[Immutable]</c> type), it is not reported as a subtype of an
/// <c>[Immutable]</c> type, and its own static state is not reported.
/// </para>
/// <para>
/// Both arguments are required so that every exception can be audited: search the code base for
/// <c>MutableByDesign</c> to list them with their owners.
/// </para>
/// <para>
/// The analyzers match this attribute by its full metadata name, <c>Immutable.MutableByDesignAttribute</c>.
/// Projects that do not reference the Immutable SDK can declare their own attribute with that exact
/// namespace and name.
/// </para>
/// </remarks>
[System.AttributeUsage(
    System.AttributeTargets.Class | System.AttributeTargets.Struct | System.AttributeTargets.Interface |
    System.AttributeTargets.Field | System.AttributeTargets.Property | System.AttributeTargets.Event | System.AttributeTargets.Parameter,
    AllowMultiple = false,
    Inherited = false)]
public sealed class MutableByDesignAttribute : System.Attribute
{
    /// <summary>Creates the opt-out.</summary>
    /// <param name="owner">The team or person accountable for the mutable state (for example an e-mail or a team handle).</param>
    /// <param name="rationale">Why the state has to be mutable.</param>
    public MutableByDesignAttribute(string owner, string rationale)
    {
        Owner = owner;
        Rationale = rationale;
    }

    /// <summary>The team or person accountable for the mutable state.</summary>
    public string Owner { get; }

    /// <summary>Why the state has to be mutable.</summary>
    public string Rationale { get; }
}
