using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Immutable.Analyzers;

/// <summary>Finds the declaration syntax of fields, properties and events without a semantic model.</summary>
internal static class MemberSyntax
{
    /// <summary>The declaring syntax: a VariableDeclaratorSyntax, PropertyDeclarationSyntax, ParameterSyntax…</summary>
    public static SyntaxNode? GetDeclaration(ISymbol symbol, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in symbol.DeclaringSyntaxReferences)
        {
            return reference.GetSyntax(cancellationToken);
        }

        return null;
    }

    /// <summary>The type written in the declaration of a field, property or positional parameter.</summary>
    public static TypeSyntax? GetDeclaredType(SyntaxNode? declaration) => declaration switch
    {
        VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax variables } => variables.Type,
        BasePropertyDeclarationSyntax property => property.Type,
        ParameterSyntax parameter => parameter.Type,
        _ => null,
    };

    /// <summary>The initializer value of a field or property declaration.</summary>
    public static ExpressionSyntax? GetInitializer(SyntaxNode? declaration) => declaration switch
    {
        VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
        PropertyDeclarationSyntax property => property.Initializer?.Value,
        _ => null,
    };

    /// <summary>True for <c>new object()</c> and <c>new()</c>: an object with no state, typically a lock.</summary>
    public static bool IsNewPlainObject(ExpressionSyntax? initializer) => initializer switch
    {
        ImplicitObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0, Initializer: null } => true,
        ObjectCreationExpressionSyntax { Type: PredefinedTypeSyntax predefined, Initializer: null } creation =>
            predefined.Keyword.IsKind(SyntaxKind.ObjectKeyword) && (creation.ArgumentList is null || creation.ArgumentList.Arguments.Count == 0),
        _ => false,
    };

    /// <summary>Where to report a diagnostic about a member's type: the type syntax if there is one.</summary>
    public static Location TypeLocation(ISymbol symbol, CancellationToken cancellationToken)
    {
        SyntaxNode? declaration = GetDeclaration(symbol, cancellationToken);
        return GetDeclaredType(declaration)?.GetLocation() ?? symbol.FirstLocation();
    }
}
