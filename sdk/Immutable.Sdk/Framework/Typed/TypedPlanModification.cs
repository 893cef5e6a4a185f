using System.Linq.Expressions;
using Immutable.Cty;

namespace Immutable.Sdk.Framework;

/// <summary>
/// The typed plan modification a <see cref="ReplaceOnlyResource{TModel}"/> receives: read configuration
/// and prior state through the model's properties, set computed values by property, with the names and
/// types checked against the schema.
/// </summary>
public sealed class PlanModification<TModel> : PlanModification
    where TModel : class
{
    private readonly ModelCodec<TModel> _codec;

    internal PlanModification(CtyValue config, CtyValue? prior, ObjectSchema schema, ModelCodec<TModel> codec)
        : base(config, prior, prior is null, schema)
    {
        _codec = codec;
        Configuration = new ModelView<TModel>(config, schema, codec);
        PriorState = prior is null ? null : new ModelView<TModel>(prior, schema, codec);
    }

    /// <summary>The configuration (values may be unknown).</summary>
    public ModelView<TModel> Configuration { get; }

    /// <summary>The prior state, or null when nothing exists yet.</summary>
    public ModelView<TModel>? PriorState { get; }

    /// <summary>Plans a computed top-level attribute with a value known now.</summary>
    /// <exception cref="InvalidOperationException">The member is not a computed top-level attribute.</exception>
    public void SetComputed<T>(Expression<Func<TModel, T>> member, T value)
    {
        var attribute = TopLevel(member);
        SetComputed(attribute.Name, _codec.ToCty(value, attribute.Type, attribute.NestedObject, _codec.Options.GetTypeInfo(typeof(T))));
    }

    /// <summary>Plans a computed top-level attribute as known only after apply.</summary>
    public void SetUnknown<T>(Expression<Func<TModel, T>> member)
    {
        var attribute = TopLevel(member);
        SetComputed(attribute.Name, CtyValue.Unknown(attribute.Type));
    }

    /// <summary>Forces replacement because of <paramref name="member"/>, with <paramref name="reason"/> as a plan warning on it.</summary>
    public void RequireReplacement<T>(Expression<Func<TModel, T>> member, string reason) =>
        RequireReplacement(ModelMembers.Resolve(Configuration.Schema, member).Path, reason);

    private AttributeSchema TopLevel(LambdaExpression member)
    {
        var (_, attributes) = ModelMembers.Resolve(Configuration.Schema, member);
        return attributes.Count == 1
            ? attributes[0]
            : throw new InvalidOperationException($"{member}: only top-level attributes can be set at plan time.");
    }
}
