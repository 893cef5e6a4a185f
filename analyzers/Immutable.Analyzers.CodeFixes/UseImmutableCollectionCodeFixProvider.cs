using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Immutable.Analyzers.Code;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Immutable.Analyzers.CodeFixes;

/// <summary>
/// IMM0002 / IMM0004: change a member's mutable collection type to its System.Collections.Immutable or Frozen
/// counterpart (<c>List&lt;T&gt;</c> → <c>ImmutableList&lt;T&gt;</c>, <c>T[]</c> → <c>ImmutableArray&lt;T&gt;</c>,
/// <c>Dictionary&lt;K,V&gt;</c> → <c>ImmutableDictionary</c> or <c>FrozenDictionary</c>…). Empty initializers become
/// <c>.Empty</c>, array initializers become collection expressions. Offered only where it is safe: the counterpart
/// exists in the compilation and the edited document still compiles.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseImmutableCollectionCodeFixProvider)), Shared]
public sealed class UseImmutableCollectionCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.MutableMemberType, DiagnosticIds.GlobalMutableState);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(MutableMemberTypeAnalyzer.CounterpartsProperty, out string? counterparts) || counterparts is null ||
                root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not TypeSyntax typeSyntax)
            {
                continue;
            }

            foreach (string counterpart in counterparts.Split(';'))
            {
                Document? changed = await TryChangeAsync(context.Document, root, model, typeSyntax, counterpart, context.CancellationToken).ConfigureAwait(false);
                if (changed is not null)
                {
                    string shortName = counterpart.Substring(counterpart.LastIndexOf('.') + 1);
                    context.RegisterCodeFix(
                        CodeAction.Create($"Use {shortName}", _ => Task.FromResult(changed), equivalenceKey: "IMM-Use" + shortName),
                        diagnostic);
                }
            }
        }
    }

    private static async Task<Document?> TryChangeAsync(Document document, SyntaxNode root, SemanticModel model, TypeSyntax typeSyntax, string counterpart, CancellationToken cancellationToken)
    {
        TypeSyntax written = typeSyntax is NullableTypeSyntax nullable ? nullable.ElementType : typeSyntax;
        TypeArgumentListSyntax? arguments = written switch
        {
            ArrayTypeSyntax { RankSpecifiers.Count: 1 } array when array.RankSpecifiers[0].Rank == 1 =>
                SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(array.ElementType.WithoutTrivia())),
            GenericNameSyntax generic => generic.TypeArgumentList.WithoutTrivia(),
            QualifiedNameSyntax { Right: GenericNameSyntax generic } => generic.TypeArgumentList.WithoutTrivia(),
            AliasQualifiedNameSyntax { Name: GenericNameSyntax generic } => generic.TypeArgumentList.WithoutTrivia(),
            _ => null,
        };

        if (arguments is null || model.Compilation.GetTypeByMetadataName(counterpart + "`" + arguments.Arguments.Count) is null)
        {
            return null;
        }

        int dot = counterpart.LastIndexOf('.');
        TypeSyntax newType = SyntaxFactory.QualifiedName(
                SyntaxFactory.ParseName("global::" + counterpart.Substring(0, dot)),
                SyntaxFactory.GenericName(SyntaxFactory.Identifier(counterpart.Substring(dot + 1)), arguments))
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
        if (typeSyntax is NullableTypeSyntax)
        {
            newType = SyntaxFactory.NullableType(newType);
        }

        newType = newType.WithTriviaFrom(typeSyntax);

        var replacements = new Dictionary<SyntaxNode, SyntaxNode> { [typeSyntax] = newType };
        foreach (ExpressionSyntax initializer in Initializers(typeSyntax))
        {
            if (NewInitializer(initializer, newType.WithoutTrivia()) is { } replacement)
            {
                replacements[initializer] = replacement.WithTriviaFrom(initializer);
            }
        }

        if (DiscardsMutation(root, model, typeSyntax, cancellationToken))
        {
            return null; // Items.Add(x); would compile against the immutable type and silently do nothing.
        }

        // Construction sites: Items = items → Items = items.ToImmutableList() (the builder the caller filled stays a local).
        string conversion = "To" + counterpart.Substring(dot + 1);
        bool converted = false;
        if (ConversionNamespace(counterpart) is not null)
        {
            foreach (ExpressionSyntax value in AssignedValues(root, model, typeSyntax, cancellationToken))
            {
                if (!replacements.ContainsKey(value) && value is not (CollectionExpressionSyntax or InitializerExpressionSyntax))
                {
                    replacements[value] = SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(
                            SyntaxKind.SimpleMemberAccessExpression,
                            SyntaxFactory.ParenthesizedExpression(value.WithoutTrivia()).WithAdditionalAnnotations(Simplifier.Annotation),
                            SyntaxFactory.IdentifierName(conversion)))
                        .WithTriviaFrom(value);
                    converted = true;
                }
            }
        }

        SyntaxNode newRoot = root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);
        if (converted && newRoot is CompilationUnitSyntax unit && ConversionNamespace(counterpart) is { } ns && !HasUsing(unit, ns))
        {
            newRoot = AddUsing(unit, ns);
        }

        return await SafeEdit.FinishAsync(document, document.WithSyntaxRoot(newRoot), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The namespace of the ToX() extension for the counterpart, or null when there is none (queues, stacks).</summary>
    private static string? ConversionNamespace(string counterpart) => counterpart switch
    {
        "System.Collections.Frozen.FrozenDictionary" or "System.Collections.Frozen.FrozenSet" => "System.Collections.Frozen",
        "System.Collections.Immutable.ImmutableQueue" or "System.Collections.Immutable.ImmutableStack" => null,
        _ => "System.Collections.Immutable",
    };

    /// <summary>Inserts <c>using ns;</c> in order (System namespaces first, then alphabetical).</summary>
    private static CompilationUnitSyntax AddUsing(CompilationUnitSyntax unit, string ns)
    {
        SyntaxList<UsingDirectiveSyntax> usings = unit.Usings;
        int index = usings.Count;
        for (int i = 0; i < usings.Count; i++)
        {
            string existing = usings[i].Name?.ToString() ?? string.Empty;
            bool existingSystem = existing == "System" || existing.StartsWith("System.", System.StringComparison.Ordinal);
            if ((!existingSystem || string.CompareOrdinal(existing, ns) > 0) && usings[i].Alias is null && usings[i].StaticKeyword.IsKind(SyntaxKind.None))
            {
                index = i;
                break;
            }
        }

        UsingDirectiveSyntax directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(ns)).WithTrailingTrivia(SyntaxFactory.LineFeed);
        if (index < usings.Count)
        {
            directive = directive.WithLeadingTrivia(usings[index].GetLeadingTrivia());
            usings = usings.Replace(usings[index], usings[index].WithLeadingTrivia(SyntaxFactory.TriviaList()));
        }

        return unit.WithUsings(usings.Insert(index, directive));
    }

    private static bool HasUsing(CompilationUnitSyntax unit, string ns)
    {
        foreach (UsingDirectiveSyntax directive in unit.Usings)
        {
            if (directive.Name?.ToString() == ns && directive.Alias is null && directive.StaticKeyword.IsKind(SyntaxKind.None))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly HashSet<string> MutatingMethods = new()
    {
        "Add", "AddRange", "Remove", "RemoveAt", "RemoveAll", "RemoveRange", "Clear", "Insert", "InsertRange", "Sort", "Reverse",
        "TryAdd", "Enqueue", "Dequeue", "Push", "Pop", "SetItem", "SetItems", "UnionWith", "ExceptWith", "IntersectWith",
    };

    /// <summary>A statement that calls a mutating method on the member and drops the result.</summary>
    private static bool DiscardsMutation(SyntaxNode root, SemanticModel model, TypeSyntax type, CancellationToken cancellationToken)
    {
        var members = Members(model, type, cancellationToken);
        foreach (InvocationExpressionSyntax invocation in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (invocation.Parent is ExpressionStatementSyntax or ArrowExpressionClauseSyntax or LambdaExpressionSyntax &&
                invocation.Expression is MemberAccessExpressionSyntax access &&
                MutatingMethods.Contains(access.Name.Identifier.ValueText) &&
                model.GetSymbolInfo(access.Expression, cancellationToken).Symbol is { } target &&
                members.Exists(m => SymbolEqualityComparer.Default.Equals(m, target)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Values assigned to the member outside its declaration, in this document (constructors, object initializers).</summary>
    private static IEnumerable<ExpressionSyntax> AssignedValues(SyntaxNode root, SemanticModel model, TypeSyntax type, CancellationToken cancellationToken)
    {
        List<ISymbol> members = Members(model, type, cancellationToken);
        if (members.Count == 0)
        {
            yield break;
        }

        foreach (AssignmentExpressionSyntax assignment in root.DescendantNodes().OfType<AssignmentExpressionSyntax>())
        {
            if (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) &&
                model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol is { } target &&
                members.Exists(m => SymbolEqualityComparer.Default.Equals(m, target)))
            {
                yield return assignment.Right;
            }
        }
    }

    private static List<ISymbol> Members(SemanticModel model, TypeSyntax type, CancellationToken cancellationToken)
    {
        var members = new List<ISymbol>();
        switch (type.Parent)
        {
            case PropertyDeclarationSyntax property when model.GetDeclaredSymbol(property, cancellationToken) is { } symbol:
                members.Add(symbol);
                break;
            case VariableDeclarationSyntax variables:
                foreach (VariableDeclaratorSyntax variable in variables.Variables)
                {
                    if (model.GetDeclaredSymbol(variable, cancellationToken) is { } field)
                    {
                        members.Add(field);
                    }
                }

                break;
        }

        return members;
    }

    private static IEnumerable<ExpressionSyntax> Initializers(TypeSyntax type)
    {
        switch (type.Parent)
        {
            case VariableDeclarationSyntax variables:
                foreach (VariableDeclaratorSyntax variable in variables.Variables)
                {
                    if (variable.Initializer is { } initializer)
                    {
                        yield return initializer.Value;
                    }
                }

                break;
            case PropertyDeclarationSyntax { Initializer: { } initializer }:
                yield return initializer.Value;
                break;
        }
    }

    /// <summary>
    /// <c>new()</c>, <c>new List&lt;T&gt;()</c>, <c>Array.Empty&lt;T&gt;()</c>, <c>[]</c> → <c>Counterpart&lt;T&gt;.Empty</c>;
    /// <c>new[] { a, b }</c> and collection initializers → <c>[a, b]</c>. Anything else is left alone (and the
    /// compile check decides).
    /// </summary>
    private static ExpressionSyntax? NewInitializer(ExpressionSyntax initializer, TypeSyntax newType)
    {
        TypeSyntax emptyOf = newType is NullableTypeSyntax nullable ? nullable.ElementType : newType;
        ExpressionSyntax empty = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, emptyOf, SyntaxFactory.IdentifierName("Empty"));
        switch (initializer)
        {
            case BaseObjectCreationExpressionSyntax { Initializer: null } creation when creation.ArgumentList is null || creation.ArgumentList.Arguments.Count == 0:
            case BaseObjectCreationExpressionSyntax { Initializer.Expressions.Count: 0 } emptyCreation when emptyCreation.ArgumentList is null || emptyCreation.ArgumentList.Arguments.Count == 0:
            case CollectionExpressionSyntax { Elements.Count: 0 }:
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: GenericNameSyntax { Identifier.ValueText: "Empty" } }, ArgumentList.Arguments.Count: 0 }:
                return empty;
            case BaseObjectCreationExpressionSyntax { Initializer: { } items } creation when (creation.ArgumentList is null || creation.ArgumentList.Arguments.Count == 0) && items.IsKind(SyntaxKind.CollectionInitializerExpression):
                return ToCollectionExpression(items);
            case ArrayCreationExpressionSyntax { Initializer: { } items }:
                return ToCollectionExpression(items);
            case ImplicitArrayCreationExpressionSyntax { Initializer: { } items }:
                return ToCollectionExpression(items);
            case InitializerExpressionSyntax items when items.IsKind(SyntaxKind.ArrayInitializerExpression):
                return ToCollectionExpression(items);
            default:
                return null;
        }
    }

    private static ExpressionSyntax? ToCollectionExpression(InitializerExpressionSyntax items)
    {
        var elements = new List<CollectionElementSyntax>();
        foreach (ExpressionSyntax item in items.Expressions)
        {
            if (item is InitializerExpressionSyntax)
            {
                // { key, value } pairs of a dictionary initializer have no collection-expression form.
                return null;
            }

            elements.Add(SyntaxFactory.ExpressionElement(item.WithoutTrivia()));
        }

        return SyntaxFactory.CollectionExpression(SyntaxFactory.SeparatedList(elements));
    }
}
