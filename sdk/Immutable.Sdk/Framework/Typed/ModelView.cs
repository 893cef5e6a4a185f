using System.Linq.Expressions;
using Immutable.Cty;

namespace Immutable.Sdk.Framework;

/// <summary>
/// A typed, unknown-aware view of a resource's configuration or state at plan and validate time:
/// <c>config.Get(m =&gt; m.Content)</c> instead of looking a <see cref="CtyValue"/> up by name.
/// </summary>
public sealed class ModelView<TModel>
    where TModel : class
{
    private readonly ModelCodec<TModel> _codec;

    internal ModelView(CtyValue value, ObjectSchema schema, ModelCodec<TModel> codec)
    {
        Value = value;
        Schema = schema;
        _codec = codec;
    }

    /// <summary>The underlying value.</summary>
    public CtyValue Value { get; }

    /// <summary>The schema the value follows.</summary>
    public ObjectSchema Schema { get; }

    /// <summary>The attribute path of a member, for diagnostics.</summary>
    public CtyPath PathOf<T>(Expression<Func<TModel, T>> member) => ModelMembers.Resolve(Schema, member).Path;

    /// <summary>The member's value: known (possibly null), or unknown when any part of it is not known until apply.</summary>
    public PlanValue<T> Get<T>(Expression<Func<TModel, T>> member)
    {
        var (_, attributes) = ModelMembers.Resolve(Schema, member);
        var current = Value;
        foreach (var attribute in attributes)
        {
            if (!current.IsKnown)
            {
                return PlanValue<T>.Unknown;
            }

            if (current.IsNull)
            {
                return PlanValue<T>.Null;
            }

            current = current.GetAttribute(attribute.Name);
        }

        if (!current.IsWhollyKnown)
        {
            return PlanValue<T>.Unknown;
        }

        if (current.IsNull)
        {
            return PlanValue<T>.Null;
        }

        var last = attributes[^1];
        return PlanValue<T>.Known((T)_codec.ToClr(current, last.Type, last.NestedObject, _codec.Options.GetTypeInfo(typeof(T)))!);
    }

    /// <summary>The whole model with every unknown value as null.</summary>
    public TModel ToModel() => _codec.ToModel(Value);
}
