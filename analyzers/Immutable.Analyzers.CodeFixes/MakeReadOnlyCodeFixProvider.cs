using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Immutable.Analyzers.Code;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace Immutable.Analyzers.CodeFixes;

/// <summary>
/// IMM0001 / IMM0004: add <c>readonly</c> to a field, turn <c>set</c> into <c>init</c>, remove the setter of a static
/// property, or make a record struct <c>readonly</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeReadOnlyCodeFixProvider)), Shared]
public sealed class MakeReadOnlyCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.MutableMember, DiagnosticIds.GlobalMutableState);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(MutableMemberAnalyzer.FixProperty, out string? fix) || fix is null)
            {
                continue;
            }

            SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            (SyntaxNode? target, string title) = fix switch
            {
                FixKinds.AddReadOnly => ((SyntaxNode?)node.FirstAncestorOrSelf<FieldDeclarationSyntax>(), "Make field readonly"),
                FixKinds.UseInit => (node.FirstAncestorOrSelf<AccessorDeclarationSyntax>(), "Use 'init' instead of 'set'"),
                FixKinds.RemoveSetter => (node.FirstAncestorOrSelf<AccessorDeclarationSyntax>(), "Remove the set accessor"),
                FixKinds.ReadOnlyRecordStruct => (node.FirstAncestorOrSelf<RecordDeclarationSyntax>(), "Make the record struct readonly"),
                _ => (null, string.Empty),
            };

            if (target is null)
            {
                continue;
            }

            Document? changed = await ApplyAsync(context.Document, root, target, fix, context.CancellationToken).ConfigureAwait(false);
            if (changed is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(title, _ => Task.FromResult(changed), equivalenceKey: "IMM-MakeMemberImmutable"),
                    diagnostic);
            }
        }
    }

    private static async Task<Document?> ApplyAsync(Document document, SyntaxNode root, SyntaxNode target, string fix, CancellationToken cancellationToken)
    {
        SyntaxGenerator generator = SyntaxGenerator.GetGenerator(document);
        SyntaxNode? replacement = target switch
        {
            FieldDeclarationSyntax field => generator.WithModifiers(field, generator.GetModifiers(field).WithIsReadOnly(true).WithIsVolatile(false)),
            AccessorDeclarationSyntax accessor when fix == FixKinds.UseInit => SyntaxFactory.AccessorDeclaration(
                SyntaxKind.InitAccessorDeclaration,
                accessor.AttributeLists,
                accessor.Modifiers,
                SyntaxFactory.Token(SyntaxKind.InitKeyword).WithTriviaFrom(accessor.Keyword),
                accessor.Body,
                accessor.ExpressionBody,
                accessor.SemicolonToken),
            RecordDeclarationSyntax record => AddReadOnly(record),
            _ => null,
        };

        SyntaxNode? newRoot;
        if (target is AccessorDeclarationSyntax setter && fix == FixKinds.RemoveSetter)
        {
            newRoot = root.RemoveNode(setter, SyntaxRemoveOptions.KeepNoTrivia);
        }
        else if (replacement is not null)
        {
            newRoot = root.ReplaceNode(target, replacement);
        }
        else
        {
            return null;
        }

        return newRoot is null ? null : await SafeEdit.FinishAsync(document, document.WithSyntaxRoot(newRoot), cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>public partial record struct</c> → <c>public readonly partial record struct</c>.</summary>
    private static RecordDeclarationSyntax AddReadOnly(RecordDeclarationSyntax record)
    {
        SyntaxTokenList modifiers = record.Modifiers;
        int index = modifiers.Count;
        for (int i = 0; i < modifiers.Count; i++)
        {
            if (modifiers[i].IsKind(SyntaxKind.PartialKeyword))
            {
                index = i;
                break;
            }
        }

        if (modifiers.Count == 0)
        {
            SyntaxToken keyword = record.Keyword;
            return record
                .WithKeyword(keyword.WithLeadingTrivia(SyntaxFactory.TriviaList()))
                .WithModifiers(SyntaxFactory.TokenList(SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.ReadOnlyKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space))));
        }

        SyntaxToken token = SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (index < modifiers.Count && index == 0)
        {
            token = token.WithLeadingTrivia(modifiers[0].LeadingTrivia);
            modifiers = modifiers.Replace(modifiers[0], modifiers[0].WithLeadingTrivia(SyntaxFactory.TriviaList()));
        }

        return record.WithModifiers(modifiers.Insert(index, token));
    }
}
