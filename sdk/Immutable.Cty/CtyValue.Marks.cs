namespace Immutable.Cty;

/// <content>The sensitive mark.</content>
/// <remarks>
/// Marks annotate values inside the provider (for example to redact them in diagnostics); they are never
/// written by the codecs and are ignored by <see cref="Equals(CtyValue?)"/>. A mark applies to the value it is
/// on only: reading an element or attribute of a marked collection does not carry the mark along.
/// </remarks>
public sealed partial class CtyValue
{
    /// <summary>Gets a value indicating whether this value itself carries the sensitive mark.</summary>
    public bool IsSensitive { get; }

    /// <summary>Returns this value with the sensitive mark.</summary>
    /// <returns>The marked value.</returns>
    public CtyValue MarkSensitive() => WithSensitivity(true);

    /// <summary>Returns this value without the sensitive mark on the value itself (nested marks remain).</summary>
    /// <returns>The unmarked value.</returns>
    public CtyValue Unmark() => WithSensitivity(false);

    /// <summary>Returns this value with or without the sensitive mark.</summary>
    /// <param name="sensitive">Whether the result is marked.</param>
    /// <returns>The value with the requested mark.</returns>
    public CtyValue WithSensitivity(bool sensitive) =>
        sensitive == IsSensitive ? this : new CtyValue(Type, _state, _payload, _refinements, sensitive);

    /// <summary>Tells whether this value or anything nested inside it is marked sensitive.</summary>
    /// <returns><see langword="true"/> when some part is marked.</returns>
    public bool ContainsSensitive()
    {
        if (IsSensitive)
        {
            return true;
        }

        return _payload switch
        {
            CtyValue[] items => items.Any(i => i.ContainsSensitive()),
            CtyMapEntries map => map.Values.Any(v => v.ContainsSensitive()),
            _ => false,
        };
    }

    /// <summary>Returns this value with the sensitive mark removed at every level.</summary>
    /// <returns>The wholly unmarked value.</returns>
    public CtyValue UnmarkDeep()
    {
        if (!ContainsSensitive())
        {
            return this;
        }

        object? payload = _payload switch
        {
            CtyValue[] items => items.Select(i => i.UnmarkDeep()).ToArray(),
            CtyMapEntries map => new CtyMapEntries(map.Keys, [.. map.Values.Select(v => v.UnmarkDeep())]),
            _ => _payload,
        };

        return new CtyValue(Type, _state, payload, _refinements, false);
    }
}
