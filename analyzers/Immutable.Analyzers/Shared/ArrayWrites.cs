using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Immutable.Analyzers;

/// <summary>
/// Decides from syntax whether a private array field is never written after its initializer: every use in its type
/// reads an element, reads a member that cannot write (<c>Length</c>, LINQ), is enumerated, or is passed to a method
/// known to only read (<c>string.Join</c>, <c>Array.IndexOf</c>…). Anything else — an element assignment, a span, a
/// return, an alias, an unknown method — counts as a possible write.
/// </summary>
internal static class ArrayWrites
{
    private static readonly HashSet<string> WritingMembers = new() { "SetValue", "Initialize", "AsSpan", "AsMemory", "Clear", "Fill", "Reverse", "Sort" };

    private static readonly HashSet<string> ReadingMethods = new()
    {
        "Join", "Concat", "Contains", "IndexOf", "LastIndexOf", "Exists", "Find", "FindIndex", "TrueForAll", "BinarySearch",
        "SequenceEqual", "Format", "Write", "WriteLine", "Equals", "Any", "All", "Split", "Trim", "TrimStart", "TrimEnd",
        "IndexOfAny", "LastIndexOfAny",
    };

    public static bool IsNeverWritten(IFieldSymbol field, CancellationToken cancellationToken)
    {
        if (field.DeclaredAccessibility != Accessibility.Private || !field.IsReadOnly || field.Type is not IArrayTypeSymbol)
        {
            return false;
        }

        foreach (SyntaxReference reference in field.ContainingType.DeclaringSyntaxReferences)
        {
            foreach (SyntaxNode node in reference.GetSyntax(cancellationToken).DescendantNodes())
            {
                if (node is IdentifierNameSyntax name && name.Identifier.ValueText == field.Name && MayWrite(name))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool MayWrite(IdentifierNameSyntax name)
    {
        ExpressionSyntax use = name.Parent is MemberAccessExpressionSyntax qualified && qualified.Name == name ? qualified : name;
        switch (use.Parent)
        {
            case ElementAccessExpressionSyntax element when element.Expression == use:
                return element.Parent switch
                {
                    AssignmentExpressionSyntax assignment => assignment.Left == element,
                    PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax => true,
                    ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None),
                    RefExpressionSyntax => true,
                    _ => false,
                };
            case MemberAccessExpressionSyntax member when member.Expression == use:
                return WritingMembers.Contains(member.Name.Identifier.ValueText);
            case ForEachStatementSyntax loop when loop.Expression == use:
                return false;
            case ArgumentSyntax argument when argument.RefKindKeyword.IsKind(SyntaxKind.None) &&
                                              argument.Parent?.Parent is InvocationExpressionSyntax invocation:
                return !ReadingMethods.Contains(MethodName(invocation.Expression));
            default:
                return true;
        }
    }

    private static string MethodName(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => string.Empty,
    };
}
