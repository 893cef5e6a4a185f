namespace Immutable.Cty;

/// <summary>
/// A mutable stack of path steps kept by the codecs while they recurse. Steps are stored cheaply and only
/// turned into a <see cref="CtyPath"/> when an error needs to report where it happened.
/// </summary>
internal sealed class PathTracker
{
    private readonly List<Entry> _steps = [];

    public int Depth => _steps.Count;

    public void PushAttribute(string name) => _steps.Add(new Entry(StepKind.Attribute, name, 0, null));

    public void PushKey(string key) => _steps.Add(new Entry(StepKind.Key, key, 0, null));

    public void PushIndex(long index) => _steps.Add(new Entry(StepKind.Index, null, index, null));

    public void PushElement(CtyValue element) => _steps.Add(new Entry(StepKind.Element, null, 0, element));

    public void Pop() => _steps.RemoveAt(_steps.Count - 1);

    public void SetIndex(long index) => _steps[^1] = new Entry(StepKind.Index, null, index, null);

    public CtyPath ToPath()
    {
        CtyPath path = CtyPath.Root;
        foreach (Entry e in _steps)
        {
            path = e.Kind switch
            {
                StepKind.Attribute => path.GetAttr(e.Name!),
                StepKind.Key => path.Index(e.Name!),
                StepKind.Index => path.Index(e.Index),
                _ => path.Index(e.Element!),
            };
        }

        return path;
    }

    private enum StepKind : byte
    {
        Attribute,
        Key,
        Index,
        Element,
    }

    private readonly record struct Entry(StepKind Kind, string? Name, long Index, CtyValue? Element);
}
