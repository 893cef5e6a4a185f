using System.Linq.Expressions;
using Immutable.Cty;

namespace Immutable.Sdk.Framework;

/// <summary>Turns a member selector such as <c>m =&gt; m.Limits.Cpus</c> into the schema attributes it names.</summary>
internal static class ModelMembers
{
    /// <summary>The attribute path and the attributes along it, outermost first.</summary>
    public static (CtyPath Path, IReadOnlyList<AttributeSchema> Attributes) Resolve(ObjectSchema schema, LambdaExpression selector)
    {
        var names = new Stack<string>();
        var node = selector.Body;
        while (true)
        {
            switch (node)
            {
                case UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert:
                    node = convert.Operand;
                    continue;
                case MemberExpression member:
                    names.Push(member.Member.Name);
                    node = member.Expression;
                    continue;
                case ParameterExpression:
                    break;
                default:
                    throw new ArgumentException($"{selector}: select a model property, e.g. m => m.Name.", nameof(selector));
            }

            break;
        }

        var path = CtyPath.Root;
        var attributes = new List<AttributeSchema>();
        ObjectSchema? current = schema;
        foreach (var name in names)
        {
            var attribute = current?.Attributes.FirstOrDefault(a => a.PropertyName == name)
                ?? throw new ArgumentException($"{selector}: {name} is not an attribute of the schema (only single nested objects can be followed).", nameof(selector));
            attributes.Add(attribute);
            path = path.GetAttr(attribute.Name);
            current = attribute.Nesting == NestingMode.Single ? attribute.NestedObject : null;
        }

        return (path, attributes);
    }
}
