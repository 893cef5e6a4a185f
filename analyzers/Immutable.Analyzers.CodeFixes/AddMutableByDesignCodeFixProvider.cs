using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Immutable.Analyzers.CodeFixes;

/// <summary>
/// IMM0001 / IMM0002 / IMM0004: the fallback every finding has — mark the member mutable on purpose with
/// <c>[MutableByDesign(owner, rationale)]</c>, leaving placeholders for the owner and rationale that a reviewer can
/// search for. Offered only when the attribute is available and the document still compiles.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddMutableByDesignCodeFixProvider)), Shared]
public sealed class AddMutableByDesignCodeFixProvider : CodeFixProvider
{
    public const string OwnerPlaceholder = "TODO: owner";
    public const string RationalePlaceholder = "TODO: why this state must be mutable";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.MutableMember, DiagnosticIds.MutableMemberType, DiagnosticIds.GlobalMutableState);

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
            SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            SyntaxNode? member = Member(node);
            if (member is null)
            {
                continue;
            }

            bool positional = member is ParameterSyntax { Parent.Parent: RecordDeclarationSyntax };
            SyntaxNode annotated = AddAttribute(member, positional);
            Document changed = context.Document.WithSyntaxRoot(root.ReplaceNode(member, annotated));
            Document? finished = await SafeEdit.FinishAsync(context.Document, changed, context.CancellationToken).ConfigureAwait(false);
            if (finished is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Suppress with [MutableByDesign(owner, rationale)]", _ => Task.FromResult(finished), equivalenceKey: "IMM-MutableByDesign"),
                    diagnostic);
            }
        }
    }

    /// <summary>The declaration the attribute goes on: field, property, event, indexer or (primary-constructor) parameter.</summary>
    private static SyntaxNode? Member(SyntaxNode node)
    {
        for (SyntaxNode? current = node; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case ParameterSyntax:
                case BaseFieldDeclarationSyntax:
                case BasePropertyDeclarationSyntax:
                    return current;
                case TypeDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    private static SyntaxNode AddAttribute(SyntaxNode member, bool positional)
    {
        AttributeSyntax attribute = SyntaxFactory.Attribute(
            SyntaxFactory.ParseName("global::Immutable.MutableByDesign").WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation),
            SyntaxFactory.AttributeArgumentList(SyntaxFactory.SeparatedList(new[]
            {
                SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(OwnerPlaceholder))),
                SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(RationalePlaceholder))),
            })));
        AttributeListSyntax list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute));
        if (positional)
        {
            // A positional record parameter: the attribute must reach the generated property.
            list = list.WithTarget(SyntaxFactory.AttributeTargetSpecifier(SyntaxFactory.Token(SyntaxKind.PropertyKeyword)));
        }

        switch (member)
        {
            case ParameterSyntax parameter:
                return parameter.WithAttributeLists(parameter.AttributeLists.Add(list.WithTrailingTrivia(SyntaxFactory.Space)));
            case MemberDeclarationSyntax declaration:
            {
                // [MutableByDesign(…)] on its own line, before the member's other attributes, with the member's indentation.
                SyntaxToken first = declaration.GetFirstToken();
                SyntaxTriviaList leading = first.LeadingTrivia;
                SyntaxTriviaList indentation = leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
                    ? SyntaxFactory.TriviaList(leading[leading.Count - 1])
                    : SyntaxFactory.TriviaList();
                list = list.WithLeadingTrivia(leading).WithTrailingTrivia(SyntaxFactory.LineFeed);
                MemberDeclarationSyntax stripped = declaration.ReplaceToken(first, first.WithLeadingTrivia(indentation));
                return stripped.WithAttributeLists(stripped.AttributeLists.Insert(0, list));
            }

            default:
                return member;
        }
    }
}
