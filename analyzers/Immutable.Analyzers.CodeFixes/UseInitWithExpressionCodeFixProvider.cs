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
using Microsoft.CodeAnalysis.FindSymbols;

namespace Immutable.Analyzers.CodeFixes;

/// <summary>
/// IMM0001 on a record's <c>set</c> accessor that callers use after construction: <c>set</c> → <c>init</c>, and every
/// <c>x.Name = value;</c> statement on a local or parameter becomes <c>x = x with { Name = value };</c>. Offered only
/// when every write outside object initializers has that form and the solution has no more errors afterwards.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseInitWithExpressionCodeFixProvider)), Shared]
public sealed class UseInitWithExpressionCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MutableMember);

    public override FixAllProvider? GetFixAllProvider() => null; // Each fix rewrites other documents; apply one at a time.

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
            if (!diagnostic.Properties.TryGetValue(MutableMemberAnalyzer.FixProperty, out string? fix) || fix != FixKinds.UseInit ||
                root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<AccessorDeclarationSyntax>() is not { } accessor ||
                accessor.FirstAncestorOrSelf<PropertyDeclarationSyntax>() is not { } declaration ||
                model.GetDeclaredSymbol(declaration, context.CancellationToken) is not { ContainingType.IsRecord: true } property)
            {
                continue;
            }

            Solution? changed = await RewriteAsync(context.Document, accessor, property, context.CancellationToken).ConfigureAwait(false);
            if (changed is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Use 'init' and 'with' expressions", _ => Task.FromResult(changed), equivalenceKey: "IMM-InitWith"),
                    diagnostic);
            }
        }
    }

    private static async Task<Solution?> RewriteAsync(Document document, AccessorDeclarationSyntax accessor, IPropertySymbol property, CancellationToken cancellationToken)
    {
        Solution solution = document.Project.Solution;
        var statements = new Dictionary<DocumentId, List<ExpressionStatementSyntax>>();
        foreach (ReferencedSymbol referenced in await SymbolFinder.FindReferencesAsync(property, solution, cancellationToken).ConfigureAwait(false))
        {
            foreach (ReferenceLocation location in referenced.Locations)
            {
                SyntaxNode? root = await location.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                SemanticModel? model = await location.Document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (root?.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true) is not { } node || model is null)
                {
                    return null;
                }

                switch (Classify(node, model, cancellationToken))
                {
                    case Use.Fine:
                        break;
                    case Use.Rewrite:
                        if (!statements.TryGetValue(location.Document.Id, out List<ExpressionStatementSyntax>? list))
                        {
                            statements[location.Document.Id] = list = new List<ExpressionStatementSyntax>();
                        }

                        list.Add(node.FirstAncestorOrSelf<ExpressionStatementSyntax>()!);
                        break;
                    default:
                        return null;
                }
            }
        }

        if (statements.Count == 0)
        {
            return null; // Nothing to rewrite: the plain set → init fix applies.
        }

        Solution changed = solution;
        SyntaxNode declarationRoot = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        var declarationEdits = new Dictionary<SyntaxNode, SyntaxNode>
        {
            [accessor] = SyntaxFactory.AccessorDeclaration(
                SyntaxKind.InitAccessorDeclaration,
                accessor.AttributeLists,
                accessor.Modifiers,
                SyntaxFactory.Token(SyntaxKind.InitKeyword).WithTriviaFrom(accessor.Keyword),
                accessor.Body,
                accessor.ExpressionBody,
                accessor.SemicolonToken),
        };
        if (statements.TryGetValue(document.Id, out List<ExpressionStatementSyntax>? own))
        {
            foreach (ExpressionStatementSyntax statement in own)
            {
                declarationEdits[statement] = WithStatement(statement);
            }

            statements.Remove(document.Id);
        }

        changed = changed.WithDocumentSyntaxRoot(document.Id, declarationRoot.ReplaceNodes(declarationEdits.Keys, (original, _) => declarationEdits[original]));
        foreach (KeyValuePair<DocumentId, List<ExpressionStatementSyntax>> pair in statements)
        {
            SyntaxNode root = (await solution.GetDocument(pair.Key)!.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            changed = changed.WithDocumentSyntaxRoot(pair.Key, root.ReplaceNodes(pair.Value, (original, _) => WithStatement(original)));
        }

        return await ErrorsAsync(changed, cancellationToken).ConfigureAwait(false) <= await ErrorsAsync(solution, cancellationToken).ConfigureAwait(false) ? changed : null;
    }

    private enum Use { Fine, Rewrite, Blocked }

    /// <summary>Reads and initializer writes are fine; <c>x.Name = v;</c> on a local or parameter can be rewritten.</summary>
    private static Use Classify(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        ExpressionSyntax name = node as ExpressionSyntax ?? (ExpressionSyntax)node.FirstAncestorOrSelf<SimpleNameSyntax>()!;
        ExpressionSyntax target = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
        if (target.Parent is not AssignmentExpressionSyntax assignment || assignment.Left != target)
        {
            return Use.Fine; // A read.
        }

        if (assignment.Parent is InitializerExpressionSyntax)
        {
            return Use.Fine; // new R { Name = v } and with { Name = v } keep working with init.
        }

        if (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) &&
            assignment.Parent is ExpressionStatementSyntax &&
            target is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } &&
            model.GetSymbolInfo(receiver, cancellationToken).Symbol is ILocalSymbol { RefKind: RefKind.None, IsConst: false } or IParameterSymbol { RefKind: RefKind.None })
        {
            return Use.Rewrite;
        }

        return Use.Blocked;
    }

    /// <summary><c>x.Name = v;</c> → <c>x = x with { Name = v };</c></summary>
    private static ExpressionStatementSyntax WithStatement(ExpressionStatementSyntax statement)
    {
        var assignment = (AssignmentExpressionSyntax)statement.Expression;
        var access = (MemberAccessExpressionSyntax)assignment.Left;
        string receiver = access.Expression.WithoutTrivia().ToString();
        ExpressionSyntax rewritten = SyntaxFactory.ParseExpression(
            $"{receiver} = {receiver} with {{ {access.Name.WithoutTrivia()} = {assignment.Right.WithoutTrivia()} }}");
        return statement.WithExpression(rewritten.WithTriviaFrom(assignment));
    }

    private static async Task<int> ErrorsAsync(Solution solution, CancellationToken cancellationToken)
    {
        int errors = 0;
        foreach (Project project in solution.Projects)
        {
            if (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false) is { } compilation)
            {
                errors += compilation.GetDiagnostics(cancellationToken).Count(d => d.Severity == DiagnosticSeverity.Error);
            }
        }

        return errors;
    }
}
