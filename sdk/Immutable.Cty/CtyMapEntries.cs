using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Immutable.Cty;

/// <summary>
/// The elements of a known map value, in key order (code point order, as go-cty iterates maps).
/// </summary>
internal sealed class CtyMapEntries : IReadOnlyDictionary<string, CtyValue>
{
    public CtyMapEntries(string[] sortedKeys, CtyValue[] values)
    {
        Keys = sortedKeys;
        Values = values;
    }

    public string[] Keys { get; }

    public CtyValue[] Values { get; }

    public int Count => Keys.Length;

    IEnumerable<string> IReadOnlyDictionary<string, CtyValue>.Keys => Keys;

    IEnumerable<CtyValue> IReadOnlyDictionary<string, CtyValue>.Values => Values;

    public CtyValue this[string key] => TryGetValue(key, out CtyValue? value) ? value : throw new KeyNotFoundException($"Map has no element \"{key}\".");

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out CtyValue value)
    {
        int i = IndexOf(key);
        value = i >= 0 ? Values[i] : null;
        return i >= 0;
    }

    public IEnumerator<KeyValuePair<string, CtyValue>> GetEnumerator()
    {
        for (int i = 0; i < Keys.Length; i++)
        {
            yield return new KeyValuePair<string, CtyValue>(Keys[i], Values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        int i = Array.BinarySearch(Keys, key, CodePointComparer.Instance);
        if (i < 0)
        {
            i = Array.BinarySearch(Keys, CtyStrings.Normalize(key), CodePointComparer.Instance);
        }

        return i < 0 ? -1 : i;
    }
}
