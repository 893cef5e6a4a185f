using System.Collections;
using System.Text;

namespace Immutable.Cty;

/// <summary>
/// An immutable sequence of steps locating a value nested inside another, the counterpart of
/// go-cty's <c>cty.Path</c> and Terraform's <c>AttributePath</c>. Appending is cheap: each path
/// shares its parent.
/// </summary>
public sealed class CtyPath : IReadOnlyList<CtyPathStep>, IEquatable<CtyPath>
{
    private readonly CtyPath? _parent;
    private readonly CtyPathStep? _step;
    private CtyPathStep[]? _steps;
    private int _hash;

    private CtyPath(CtyPath? parent, CtyPathStep? step, int count)
    {
        _parent = parent;
        _step = step;
        Count = count;
    }

    /// <summary>Gets the empty path, which refers to the root value.</summary>
    public static CtyPath Root { get; } = new(null, null, 0);

    /// <summary>Gets the number of steps.</summary>
    public int Count { get; }

    /// <summary>Gets the path without its last step; the root's parent is the root.</summary>
    public CtyPath Parent => _parent ?? Root;

    /// <summary>Gets the last step, or <see langword="null"/> for the root path.</summary>
    public CtyPathStep? LastStep => _step;

    /// <summary>Gets the step at the given position.</summary>
    /// <param name="index">Zero-based position.</param>
    public CtyPathStep this[int index] => Steps[index];

    private CtyPathStep[] Steps
    {
        get
        {
            if (_steps is null)
            {
                var steps = new CtyPathStep[Count];
                CtyPath? p = this;
                for (int i = Count - 1; i >= 0; i--)
                {
                    steps[i] = p!._step!;
                    p = p._parent;
                }

                _steps = steps;
            }

            return _steps;
        }
    }

    /// <summary>Builds a path from a sequence of steps.</summary>
    /// <param name="steps">The steps, outermost first.</param>
    /// <returns>The path.</returns>
    public static CtyPath FromSteps(IEnumerable<CtyPathStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        CtyPath path = Root;
        foreach (CtyPathStep step in steps)
        {
            path = path.Append(step);
        }

        return path;
    }

    /// <summary>Returns this path extended by one step.</summary>
    /// <param name="step">The step to add.</param>
    /// <returns>The longer path.</returns>
    public CtyPath Append(CtyPathStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new CtyPath(Count == 0 ? null : this, step, Count + 1);
    }

    /// <summary>Returns this path extended by an attribute step.</summary>
    /// <param name="name">The attribute name.</param>
    /// <returns>The longer path.</returns>
    public CtyPath GetAttr(string name) => Append(new GetAttrStep(name));

    /// <summary>Returns this path extended by a map-key step.</summary>
    /// <param name="key">The map key.</param>
    /// <returns>The longer path.</returns>
    public CtyPath Index(string key) => Append(new IndexStep(CtyValue.String(key)));

    /// <summary>Returns this path extended by a list or tuple index step.</summary>
    /// <param name="index">The element index.</param>
    /// <returns>The longer path.</returns>
    public CtyPath Index(long index) => Append(new IndexStep(CtyValue.Number(index)));

    /// <summary>Returns this path extended by an index step with an arbitrary key (a set element, for example).</summary>
    /// <param name="key">The key value.</param>
    /// <returns>The longer path.</returns>
    public CtyPath Index(CtyValue key) => Append(new IndexStep(key));

    /// <summary>Follows the path from <paramref name="root"/>.</summary>
    /// <param name="root">The value the path starts at.</param>
    /// <param name="result">The value found.</param>
    /// <returns><see langword="false"/> when some step does not apply.</returns>
    public bool TryApply(CtyValue root, out CtyValue result)
    {
        ArgumentNullException.ThrowIfNull(root);
        CtyValue current = root;
        foreach (CtyPathStep step in Steps)
        {
            if (!step.TryApply(current, out current))
            {
                result = current;
                return false;
            }
        }

        result = current;
        return true;
    }

    /// <summary>Follows the path from <paramref name="root"/>.</summary>
    /// <param name="root">The value the path starts at.</param>
    /// <returns>The value found.</returns>
    /// <exception cref="InvalidOperationException">Some step does not apply.</exception>
    public CtyValue Apply(CtyValue root)
    {
        if (!TryApply(root, out CtyValue result))
        {
            throw new InvalidOperationException($"Path {this} does not exist in the given value.");
        }

        return result;
    }

    /// <summary>Tells whether this path starts with all the steps of <paramref name="prefix"/>.</summary>
    /// <param name="prefix">The candidate prefix.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool HasPrefix(CtyPath prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Count > Count)
        {
            return false;
        }

        CtyPath p = this;
        while (p.Count > prefix.Count)
        {
            p = p.Parent;
        }

        return p.Equals(prefix);
    }

    /// <inheritdoc />
    public IEnumerator<CtyPathStep> GetEnumerator() => ((IEnumerable<CtyPathStep>)Steps).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(CtyPath? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Count != Count || other.GetHashCode() != GetHashCode())
        {
            return false;
        }

        CtyPath? a = this;
        CtyPath? b = other;
        while (a is not null && a.Count > 0)
        {
            if (ReferenceEquals(a, b))
            {
                return true;
            }

            if (!a._step!.Equals(b!._step))
            {
                return false;
            }

            a = a._parent;
            b = b._parent;
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CtyPath);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        if (_hash == 0)
        {
            int h = Count == 0 ? 17 : HashCode.Combine(Parent.GetHashCode(), _step!.GetHashCode());
            _hash = h == 0 ? 1 : h;
        }

        return _hash;
    }

    /// <summary>Renders the path like <c>a.b[0]["k"]</c>; the root path renders as an empty string.</summary>
    /// <returns>The rendered path.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (CtyPathStep step in Steps)
        {
            if (sb.Length == 0 && step is GetAttrStep attr)
            {
                sb.Append(attr.Name);
            }
            else
            {
                sb.Append(step.ToString());
            }
        }

        return sb.ToString();
    }
}
