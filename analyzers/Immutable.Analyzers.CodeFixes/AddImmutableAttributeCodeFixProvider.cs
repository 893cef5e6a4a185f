using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Immutable.Analyzers.Code;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Immutable.Analyzers.CodeFixes;

/// <summary>IMM0003: annotate a subtype of an [Immutable] type with [Immutable].</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddImmutableAttributeCodeFixProvider)), Shared]
public sealed class AddImmutableAttributeCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ImmutableHierarchy);

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
            if (!diagnostic.Properties.ContainsKey(ImmutableHierarchyAnalyzer.AddAttributeProperty) ||
                root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } declaration)
            {
                continue;
            }

            TypeDeclarationSyntax annotated = AddAttribute(declaration, NewLine(root));
            Document changed = context.Document.WithSyntaxRoot(root.ReplaceNode(declaration, annotated));
            Document? finished = await SafeEdit.FinishAsync(context.Document, changed, context.CancellationToken).ConfigureAwait(false);
            if (finished is not null)
            {
                context.RegisterCodeFix(CodeAction.Create("Add [Immutable]", _ => Task.FromResult(finished), equivalenceKey: "IMM-AddImmutable"), diagnostic);
            }
        }
    }

    private static SyntaxTrivia NewLine(SyntaxNode root)
    {
        foreach (SyntaxTrivia trivia in root.DescendantTrivia())
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                return trivia;
            }
        }

        return SyntaxFactory.LineFeed;
    }

    /// <summary>Puts <c>[Immutable]</c> on its own line before the declaration (and before its other attributes).</summary>
    private static TypeDeclarationSyntax AddAttribute(TypeDeclarationSyntax declaration, SyntaxTrivia newLine)
    {
        SyntaxToken first = declaration.GetFirstToken();
        SyntaxTriviaList leading = first.LeadingTrivia;
        SyntaxTriviaList indentation = leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
            ? SyntaxFactory.TriviaList(leading[leading.Count - 1])
            : SyntaxFactory.TriviaList();

        AttributeListSyntax attribute = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
                SyntaxFactory.Attribute(SyntaxFactory.ParseName("global::Immutable.Immutable")
                    .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation))))
            .WithLeadingTrivia(leading)
            .WithTrailingTrivia(newLine);

        TypeDeclarationSyntax stripped = declaration.ReplaceToken(first, first.WithLeadingTrivia(indentation));
        return stripped.WithAttributeLists(stripped.AttributeLists.Insert(0, attribute));
    }
}
