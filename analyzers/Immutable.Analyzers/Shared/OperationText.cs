using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Immutable.Analyzers;

/// <summary>Recovers the text of string expressions whose content is known at compile time.</summary>
internal static class OperationText
{
    /// <summary>Marks a part of the text that is only known at run time.</summary>
    public const string Unknown = " \u0001 ";

    private const char ParameterStart = '\u0002';
    private const char ParameterEnd = '\u0003';
    private const int MaxDepth = 16;

    /// <summary>
    /// The compile-time text of a string expression: constants, the constant parts of interpolations and
    /// concatenations, and what locals assigned once and readonly fields or get-only properties (initializer or one
    /// constructor assignment) hold. Unknown parts become <see cref="Unknown"/>; with
    /// <paramref name="parameters"/>, a parameter of the enclosing method becomes a placeholder that
    /// <see cref="Substitute"/> replaces with a caller's argument. Null when nothing is known.
    /// </summary>
    public static string? Get(IOperation? operation, bool parameters = false)
    {
        var builder = new StringBuilder();
        return Append(operation, builder, parameters, 0) ? builder.ToString() : null;
    }

    /// <summary>The text when it is entirely known (no unknown part, no parameter), else null.</summary>
    public static string? GetComplete(IOperation? operation)
    {
        string? text = Get(operation);
        return text is not null && IsComplete(text) ? text : null;
    }

    public static bool IsComplete(string text) => text.IndexOf('\u0001') < 0 && !HasParameter(text);

    public static bool HasParameter(string text) => text.IndexOf(ParameterStart) >= 0;

    /// <summary>Replaces parameter placeholders with the callers' argument texts (unknown when absent).</summary>
    public static string Substitute(string template, IReadOnlyList<string?> arguments)
    {
        var builder = new StringBuilder(template.Length);
        for (int i = 0; i < template.Length; i++)
        {
            if (template[i] != ParameterStart)
            {
                builder.Append(template[i]);
                continue;
            }

            int end = template.IndexOf(ParameterEnd, i);
            int ordinal = int.Parse(template.Substring(i + 1, end - i - 1), CultureInfo.InvariantCulture);
            builder.Append(ordinal < arguments.Count && arguments[ordinal] is { } argument ? argument : Unknown);
            i = end;
        }

        return builder.ToString();
    }

    private static bool Append(IOperation? operation, StringBuilder builder, bool parameters, int depth)
    {
        if (operation is null || depth > MaxDepth)
        {
            return false;
        }

        depth++;
        switch (operation)
        {
            case { ConstantValue: { HasValue: true, Value: string text } }:
                builder.Append(text);
                return true;
            case IConversionOperation conversion:
                return Append(conversion.Operand, builder, parameters, depth);
            case IParenthesizedOperation parenthesized:
                return Append(parenthesized.Operand, builder, parameters, depth);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
            {
                bool left = AppendOrUnknown(binary.LeftOperand, builder, parameters, depth);
                bool right = AppendOrUnknown(binary.RightOperand, builder, parameters, depth);
                return left || right;
            }

            case IInterpolatedStringOperation interpolated:
            {
                bool any = false;
                foreach (IInterpolatedStringContentOperation part in interpolated.Parts)
                {
                    any |= part switch
                    {
                        IInterpolatedStringTextOperation text => AppendOrUnknown(text.Text, builder, parameters, depth),
                        IInterpolationOperation { Alignment: null, FormatString: null } hole => AppendOrUnknown(hole.Expression, builder, parameters, depth),
                        _ => AppendOrUnknown(null, builder, parameters, depth),
                    };
                }

                return any;
            }

            case ILocalReferenceOperation local:
            {
                (List<IOperation> values, bool complete) = LocalValues.Of(local);
                return complete && values.Count == 1 && Append(values[0], builder, parameters, depth);
            }

            case IFieldReferenceOperation { Field: { } field } when field.Type.SpecialType == SpecialType.System_String:
                return AppendMember(field, operation, builder, parameters, depth);
            case IPropertyReferenceOperation { Property: { } property } when property.Type.SpecialType == SpecialType.System_String:
                return AppendMember(property, operation, builder, parameters, depth);
            case IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: not (MethodKind.AnonymousFunction or MethodKind.LocalFunction) } } parameter when parameters:
                builder.Append(ParameterStart).Append(parameter.Parameter.Ordinal.ToString(CultureInfo.InvariantCulture)).Append(ParameterEnd);
                return true;
            default:
                return false;
        }
    }

    private static bool AppendOrUnknown(IOperation? operation, StringBuilder builder, bool parameters, int depth)
    {
        if (Append(operation, builder, parameters, depth))
        {
            return true;
        }

        builder.Append(Unknown);
        return false;
    }

    /// <summary>A readonly field or get-only auto-property with exactly one value (initializer or constructor).</summary>
    private static bool AppendMember(ISymbol member, IOperation reference, StringBuilder builder, bool parameters, int depth)
    {
        if (reference.SemanticModel?.Compilation is not { } compilation)
        {
            return false;
        }

        var values = SourceModels.Of(compilation).GetMemberValues(member, default);
        return values.Length == 1 && Append(values[0], builder, parameters: false, depth);
    }

    /// <summary>The known texts of the elements of an array, collection expression or collection initializer.</summary>
    public static List<string>? GetElements(IOperation? operation, bool parameters = false)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        if (operation is ILocalReferenceOperation local && LocalValues.Of(local) is { Complete: true, Values.Count: 1 } single)
        {
            return GetElements(single.Values[0], parameters);
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
            texts.Add(Get(element, parameters) ?? Unknown);
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
