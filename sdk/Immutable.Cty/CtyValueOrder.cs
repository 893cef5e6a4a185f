namespace Immutable.Cty;

/// <summary>
/// A total order over values that agrees with structural equality (ignoring marks). Sets keep their
/// elements in this order, which makes set equality order-independent and encoding deterministic.
/// Like go-cty, known elements come before unknown ones and primitives sort by value
/// (false before true, numbers ascending, strings by code point).
/// </summary>
internal sealed class CtyValueOrder : IComparer<CtyValue>
{
    public static readonly CtyValueOrder Instance = new();

    private CtyValueOrder()
    {
    }

    public int Compare(CtyValue? x, CtyValue? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        int c = Rank(x).CompareTo(Rank(y));
        if (c != 0)
        {
            return c;
        }

        if (!x.Type.Equals(y.Type))
        {
            return CodePointComparer.Instance.Compare(x.Type.ToJson(), y.Type.ToJson());
        }

        if (x.IsNull)
        {
            return 0;
        }

        if (x.IsUnknown)
        {
            return CtyRefinements.Compare(x.Refinements, y.Refinements);
        }

        switch (x.Type.Kind)
        {
            case CtyTypeKind.Bool:
                return x.AsBool().CompareTo(y.AsBool());
            case CtyTypeKind.Number:
                return x.AsNumber().CompareTo(y.AsNumber());
            case CtyTypeKind.String:
                return CodePointComparer.Instance.Compare(x.AsString(), y.AsString());
            case CtyTypeKind.Map:
                CtyMapEntries xm = x.MapEntries;
                CtyMapEntries ym = y.MapEntries;
                for (int i = 0; i < Math.Min(xm.Count, ym.Count); i++)
                {
                    c = CodePointComparer.Instance.Compare(xm.Keys[i], ym.Keys[i]);
                    if (c == 0)
                    {
                        c = Compare(xm.Values[i], ym.Values[i]);
                    }

                    if (c != 0)
                    {
                        return c;
                    }
                }

                return xm.Count.CompareTo(ym.Count);
            case CtyTypeKind.Object:
            default:
                return CompareSequences(x.Items, y.Items);
        }
    }

    private int CompareSequences(CtyValue[] a, CtyValue[] b)
    {
        for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            int c = Compare(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    private static int Rank(CtyValue v) => v.IsUnknown ? 2 : v.IsNull ? 1 : 0;
}
