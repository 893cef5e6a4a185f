using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Immutable.Analyzers;

/// <summary>Recovers the text of string expressions whose content is known at compile time.</summary>
internal static class OperationText
{
    /// <summary>Marks a part of the text that is only known at run time.</summary>
    public const string Unknown = " \u0001 ";

    /// <summary>
    /// The compile-time text of a string expression: constants, and the constant parts of interpolations and
    /// concatenations (unknown parts become <see cref="Unknown"/>). Null when nothing is known.
    /// </summary>
    public static string? Get(IOperation? operation)
    {
        var builder = new StringBuilder();
        return Append(operation, builder) ? builder.ToString() : null;
    }

    private static bool Append(IOperation? operation, StringBuilder builder)
    {
        switch (operation)
        {
            case null:
                return false;
            case { ConstantValue: { HasValue: true, Value: string text } }:
                builder.Append(text);
                return true;
            case IConversionOperation conversion:
                return Append(conversion.Operand, builder);
            case IParenthesizedOperation parenthesized:
                return Append(parenthesized.Operand, builder);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
            {
                bool left = Append(binary.LeftOperand, builder);
                if (!left)
                {
                    builder.Append(Unknown);
                }

                bool right = Append(binary.RightOperand, builder);
                if (!right)
                {
                    builder.Append(Unknown);
                }

                return left || right;
            }

            case IInterpolatedStringOperation interpolated:
            {
                bool any = false;
                foreach (IInterpolatedStringContentOperation part in interpolated.Parts)
                {
                    if (part is IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string text } })
                    {
                        builder.Append(text);
                        any = true;
                    }
                    else if (part is IInterpolationOperation interpolation && interpolation.Expression.ConstantValue is { HasValue: true, Value: string value })
                    {
                        builder.Append(value);
                        any = true;
                    }
                    else
                    {
                        builder.Append(Unknown);
                    }
                }

                return any;
            }

            default:
                return false;
        }
    }

    /// <summary>The known texts of the elements of an array, collection expression or collection initializer.</summary>
    public static List<string>? GetElements(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        IEnumerable<IOperation>? elements = operation switch
        {
            IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
            ICollectionExpressionOperation collection => collection.Elements,
            IObjectCreationOperation { Initializer: { } initializer } => AddArguments(initializer),
            _ => null,
        };

        if (elements is null)
        {
            return null;
        }

        var texts = new List<string>();
        foreach (IOperation element in elements)
        {
            texts.Add(Get(element) ?? Unknown);
        }

        return texts;
    }

    /// <summary>The single arguments of the Add calls of a collection initializer.</summary>
    public static IEnumerable<IOperation> AddArguments(IObjectOrCollectionInitializerOperation initializer)
    {
        foreach (IOperation item in initializer.Initializers)
        {
            if (item is IInvocationOperation { Arguments.Length: 1 } add)
            {
                yield return add.Arguments[0].Value;
            }
        }
    }

    /// <summary>The outermost operation of the body or initializer that contains <paramref name="operation"/>.</summary>
    public static IOperation Root(IOperation operation)
    {
        while (operation.Parent is { } parent)
        {
            operation = parent;
        }

        return operation;
    }
}
