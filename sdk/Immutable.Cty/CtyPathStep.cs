namespace Immutable.Cty;

/// <summary>
/// One step of a <see cref="CtyPath"/>: either an attribute access or an index.
/// </summary>
public abstract class CtyPathStep : IEquatable<CtyPathStep>
{
    private protected CtyPathStep()
    {
    }

    /// <summary>Compares two steps structurally.</summary>
    /// <param name="other">The other step.</param>
    /// <returns><see langword="true"/> when both select the same thing.</returns>
    public abstract bool Equals(CtyPathStep? other);

    /// <inheritdoc />
    public sealed override bool Equals(object? obj) => Equals(obj as CtyPathStep);

    /// <inheritdoc />
    public abstract override int GetHashCode();

    /// <summary>Renders the step the way it appears inside a path string, e.g. <c>.name</c> or <c>[0]</c>.</summary>
    /// <returns>The rendered step.</returns>
    public abstract override string ToString();

    /// <summary>Selects this step's child of <paramref name="value"/>.</summary>
    /// <param name="value">The parent value.</param>
    /// <param name="result">The child when it exists.</param>
    /// <returns><see langword="false"/> when the step does not apply to the value.</returns>
    public abstract bool TryApply(CtyValue value, out CtyValue result);
}

/// <summary>
/// A step that selects an object attribute by name (Terraform's <c>AttributePath</c> attribute_name step).
/// </summary>
public sealed class GetAttrStep : CtyPathStep
{
    /// <summary>Creates an attribute step.</summary>
    /// <param name="name">The attribute name.</param>
    public GetAttrStep(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
    }

    /// <summary>Gets the attribute name.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public override bool Equals(CtyPathStep? other) => other is GetAttrStep g && string.Equals(g.Name, Name, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(1, StringComparer.Ordinal.GetHashCode(Name));

    /// <inheritdoc />
    public override string ToString() => "." + Name;

    /// <inheritdoc />
    public override bool TryApply(CtyValue value, out CtyValue result)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.TryGetAttribute(Name, out result);
    }
}

/// <summary>
/// A step that selects an element: a list or tuple element by number, a map element by string key,
/// or a set element by the element value itself.
/// </summary>
public sealed class IndexStep : CtyPathStep
{
    /// <summary>Creates an index step.</summary>
    /// <param name="key">The key: a number for lists and tuples, a string for maps, the element for sets.</param>
    public IndexStep(CtyValue key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Key = key;
    }

    /// <summary>Gets the key value.</summary>
    public CtyValue Key { get; }

    /// <summary>Gets the key as an integer when it is a known whole number that fits in 64 bits.</summary>
    /// <param name="index">The integer key.</param>
    /// <returns><see langword="true"/> when the key is such a number.</returns>
    public bool TryGetInt64(out long index)
    {
        index = 0;
        return Key.Type == CtyType.Number && Key.IsKnown && !Key.IsNull && Key.AsNumber().TryGetInt64(out index);
    }

    /// <summary>Gets the key as a string when it is a known string.</summary>
    /// <param name="key">The string key.</param>
    /// <returns><see langword="true"/> when the key is a string.</returns>
    public bool TryGetString(out string key)
    {
        if (Key.Type == CtyType.String && Key.IsKnown && !Key.IsNull)
        {
            key = Key.AsString();
            return true;
        }

        key = string.Empty;
        return false;
    }

    /// <inheritdoc />
    public override bool Equals(CtyPathStep? other) => other is IndexStep i && i.Key.Equals(Key);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(2, Key.GetHashCode());

    /// <inheritdoc />
    public override string ToString()
    {
        if (TryGetString(out string s))
        {
            return "[" + CtyValueFormatter.Quote(s) + "]";
        }

        return "[" + Key + "]";
    }

    /// <inheritdoc />
    public override bool TryApply(CtyValue value, out CtyValue result)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.TryIndex(Key, out result);
    }
}
