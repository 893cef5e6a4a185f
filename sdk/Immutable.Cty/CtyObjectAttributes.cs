using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Immutable.Cty;

/// <summary>
/// A read-only dictionary view of a known object's attributes, in sorted attribute order.
/// </summary>
internal sealed class CtyObjectAttributes : IReadOnlyDictionary<string, CtyValue>
{
    private readonly CtyObjectType _type;
    private readonly CtyValue[] _values;

    public CtyObjectAttributes(CtyObjectType type, CtyValue[] values)
    {
        _type = type;
        _values = values;
    }

    public int Count => _values.Length;

    public IEnumerable<string> Keys => _type.AttributeNames;

    public IEnumerable<CtyValue> Values => _values;

    public CtyValue this[string key] => TryGetValue(key, out CtyValue? value) ? value : throw new KeyNotFoundException($"Object has no attribute \"{key}\".");

    public bool ContainsKey(string key) => _type.IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out CtyValue value)
    {
        int i = _type.IndexOf(key);
        value = i >= 0 ? _values[i] : null;
        return i >= 0;
    }

    public IEnumerator<KeyValuePair<string, CtyValue>> GetEnumerator()
    {
        for (int i = 0; i < _values.Length; i++)
        {
            yield return new KeyValuePair<string, CtyValue>(_type.AttributeNames[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
