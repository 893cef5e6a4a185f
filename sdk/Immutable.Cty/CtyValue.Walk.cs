namespace Immutable.Cty;

/// <content>Traversal and transformation with paths.</content>
public sealed partial class CtyValue
{
    /// <summary>Gets a value indicating whether this value and everything nested in it is known (nulls count as known).</summary>
    public bool IsWhollyKnown
    {
        get
        {
            if (IsUnknown)
            {
                return false;
            }

            return _payload switch
            {
                CtyValue[] items => Array.TrueForAll(items, i => i.IsWhollyKnown),
                CtyMapEntries map => Array.TrueForAll(map.Values, v => v.IsWhollyKnown),
                _ => true,
            };
        }
    }

    /// <summary>
    /// Visits this value and every nested value, parents before children. Steps are attribute steps for objects,
    /// number indexes for lists and tuples, string keys for maps, and the element itself for sets.
    /// </summary>
    /// <param name="visitor">Called with each path and value; return <see langword="false"/> to skip that value's children.</param>
    public void Walk(Func<CtyPath, CtyValue, bool> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        Walk(CtyPath.Root, visitor);
    }

    /// <summary>
    /// Rebuilds the value bottom-up: each nested value is transformed first, then its parent is rebuilt from the
    /// transformed children and passed to <paramref name="transform"/> itself (go-cty's <c>cty.Transform</c>).
    /// </summary>
    /// <param name="transform">Returns the replacement for the value at a path (or the value unchanged).</param>
    /// <returns>The transformed value.</returns>
    /// <exception cref="ArgumentException">A replacement breaks the typing of its collection.</exception>
    public CtyValue Transform(Func<CtyPath, CtyValue, CtyValue> transform)
    {
        ArgumentNullException.ThrowIfNull(transform);
        return Transform(CtyPath.Root, transform);
    }

    /// <summary>Enumerates the direct children of a known collection or structure with their path steps.</summary>
    /// <returns>Step/value pairs; nothing for primitives, nulls and unknowns.</returns>
    public IEnumerable<KeyValuePair<CtyPathStep, CtyValue>> Children()
    {
        if (!IsKnown || IsNull)
        {
            yield break;
        }

        switch (Type.Kind)
        {
            case CtyTypeKind.List:
            case CtyTypeKind.Tuple:
                CtyValue[] items = Items;
                for (int i = 0; i < items.Length; i++)
                {
                    yield return new(new IndexStep(Number(i)), items[i]);
                }

                break;
            case CtyTypeKind.Set:
                foreach (CtyValue element in Items)
                {
                    yield return new(new IndexStep(element), element);
                }

                break;
            case CtyTypeKind.Map:
                CtyMapEntries map = MapEntries;
                for (int i = 0; i < map.Count; i++)
                {
                    yield return new(new IndexStep(String(map.Keys[i])), map.Values[i]);
                }

                break;
            case CtyTypeKind.Object:
                var objectType = (CtyObjectType)Type;
                CtyValue[] attrs = Items;
                for (int i = 0; i < attrs.Length; i++)
                {
                    yield return new(new GetAttrStep(objectType.AttributeNames[i]), attrs[i]);
                }

                break;
        }
    }

    private void Walk(CtyPath path, Func<CtyPath, CtyValue, bool> visitor)
    {
        if (!visitor(path, this))
        {
            return;
        }

        foreach (KeyValuePair<CtyPathStep, CtyValue> child in Children())
        {
            child.Value.Walk(path.Append(child.Key), visitor);
        }
    }

    private CtyValue Transform(CtyPath path, Func<CtyPath, CtyValue, CtyValue> transform)
    {
        CtyValue rebuilt = this;
        if (IsKnown && !IsNull && Type.Kind is not (CtyTypeKind.Bool or CtyTypeKind.Number or CtyTypeKind.String))
        {
            rebuilt = RebuildChildren(path, transform);
        }

        return transform(path, rebuilt) ?? throw new InvalidOperationException($"The transform returned null at {path}.");
    }

    private CtyValue RebuildChildren(CtyPath path, Func<CtyPath, CtyValue, CtyValue> transform)
    {
        var children = new List<KeyValuePair<CtyPathStep, CtyValue>>();
        bool changed = false;
        foreach (KeyValuePair<CtyPathStep, CtyValue> child in Children())
        {
            CtyValue replaced = child.Value.Transform(path.Append(child.Key), transform);
            changed |= !ReferenceEquals(replaced, child.Value);
            children.Add(new(child.Key, replaced));
        }

        if (!changed)
        {
            return this;
        }

        CtyValue result = Type switch
        {
            CtyListType list => List(ElementConstraint(list.ElementType, children), children.Select(c => c.Value)),
            CtySetType set => Set(ElementConstraint(set.ElementType, children), children.Select(c => c.Value)),
            CtyMapType map => Map(ElementConstraint(map.ElementType, children), children.Select(c => new KeyValuePair<string, CtyValue>(((IndexStep)c.Key).Key.AsString(), c.Value))),
            CtyTupleType => Tuple(children.Select(c => c.Value)),
            _ => Object(children.Select(c => new KeyValuePair<string, CtyValue>(((GetAttrStep)c.Key).Name, c.Value))),
        };

        return result.WithSensitivity(IsSensitive || result.IsSensitive);
    }

    // A transform may change element types; keep the declared type only while the children still match it.
    private static CtyType ElementConstraint(CtyType declared, List<KeyValuePair<CtyPathStep, CtyValue>> children) =>
        children.TrueForAll(c => c.Value.Type.IsDynamic || c.Value.Type.Equals(declared)) ? declared : CtyType.Dynamic;
}
