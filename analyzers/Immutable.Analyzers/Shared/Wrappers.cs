using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Immutable.Analyzers;

/// <summary>
/// One level of interprocedural following for the infrastructure rules: a method of the same compilation whose
/// parameter flows into a sink (a process start, an SSH command, an image reference, a written path) is a sink itself
/// for the arguments its callers pass. Each rule computes a summary of such a method once per compilation
/// (<see cref="SourceModels.GetSummary{T}"/>); calls inside the wrapper are not followed further.
/// </summary>
internal static class Wrappers
{
    /// <summary>The called method when it can be a wrapper: declared with a body in this compilation's source.</summary>
    public static IMethodSymbol? Target(IOperation call)
    {
        IMethodSymbol? method = call switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IObjectCreationOperation creation => creation.Constructor,
            _ => null,
        };

        if (method is null || method.IsAbstract || method.IsExtern || method.DeclaringSyntaxReferences.IsEmpty)
        {
            return null;
        }

        method = method.ReducedFrom ?? method;
        return method.OriginalDefinition;
    }

    /// <summary>The arguments of a call, by parameter ordinal (extension methods called as instance: the receiver is 0).</summary>
    public static ImmutableArray<IArgumentOperation> Arguments(IOperation call) => call switch
    {
        IInvocationOperation invocation => invocation.Arguments,
        IObjectCreationOperation creation => creation.Arguments,
        _ => ImmutableArray<IArgumentOperation>.Empty,
    };

    /// <summary>
    /// Whether any argument is a string: a call without one cannot pass a command, reference or path to a wrapper, so it
    /// is dismissed before a summary or an argument's text is computed (the cheap test first, for build time).
    /// </summary>
    public static bool HasStringArgument(IOperation call)
    {
        foreach (IArgumentOperation argument in Arguments(call))
        {
            if (argument.Value.Type?.SpecialType == SpecialType.System_String)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Texts of the arguments of a call by parameter ordinal, null where unknown; null when none is known.</summary>
    public static List<string?>? ArgumentTexts(IOperation call)
    {
        ImmutableArray<IArgumentOperation> arguments = Arguments(call);
        var texts = new List<string?>();
        bool any = false;
        foreach (IArgumentOperation argument in arguments)
        {
            if (argument.Parameter is not { } parameter)
            {
                continue;
            }

            while (texts.Count <= parameter.Ordinal)
            {
                texts.Add(null);
            }

            string? text = argument.Value.Type?.SpecialType == SpecialType.System_String ? OperationText.Get(argument.Value) : null;
            texts[parameter.Ordinal] = text;
            any |= text is not null;
        }

        return any ? texts : null;
    }

    /// <summary>
    /// The operations of the method's body, when its text mentions one of <paramref name="keywords"/> — the rule's sink
    /// type and method names — or a using alias (a cheap test that skips binding methods that cannot contain the sink).
    /// </summary>
    public static IEnumerable<IOperation> BodyOperations(IMethodSymbol method, Compilation compilation, string[] keywords, CancellationToken cancellationToken)
    {
        string[] aliases = SourceModels.Of(compilation).GetAliasNames(cancellationToken);
        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
        {
            SyntaxNode syntax = reference.GetSyntax(cancellationToken);
            if (syntax is not (BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax) || !Mentions(syntax, keywords, aliases, cancellationToken))
            {
                continue;
            }

            if (SourceModels.Of(compilation).GetOperation(syntax, cancellationToken) is not { } body)
            {
                continue;
            }

            foreach (IOperation operation in body.Descendants())
            {
                yield return operation;
            }
        }
    }

    /// <summary>Display name of a wrapper in messages: <c>Installer.Run</c>.</summary>
    public static string Name(IMethodSymbol method) =>
        method.MethodKind == MethodKind.Constructor ? "new " + method.ContainingType.Name : method.ContainingType.Name + "." + method.Name;

    /// <summary>
    /// Whether the method's source text contains one of the keywords (or a using alias of the compilation, which can name
    /// a sink type) as a whole word; a keyword starting with '*' matches as a suffix (<c>*Builder</c>). A prefilter only
    /// (a word in a comment or string just costs a binding), so the text is searched instead of walking the tokens, which
    /// every rule would otherwise repeat for every called method. Identifiers spelled with unicode escapes pass.
    /// </summary>
    internal static bool Mentions(SyntaxNode syntax, string[] keywords, string[] aliases, CancellationToken cancellationToken)
    {
        string text = syntax.SyntaxTree.GetText(cancellationToken).ToString(syntax.Span);
        if (text.IndexOf("\\u", System.StringComparison.Ordinal) >= 0 || text.IndexOf("\\U", System.StringComparison.Ordinal) >= 0)
        {
            return true;
        }

        return ContainsWord(text, keywords) || ContainsWord(text, aliases);
    }

    private static bool ContainsWord(string text, string[] words)
    {
        foreach (string word in words)
        {
            bool suffix = word.Length > 1 && word[0] == '*';
            string find = suffix ? word.Substring(1) : word;
            for (int at = text.IndexOf(find, System.StringComparison.Ordinal); at >= 0; at = text.IndexOf(find, at + 1, System.StringComparison.Ordinal))
            {
                int end = at + find.Length;
                if ((suffix || at == 0 || !IsIdentifierPart(text[at - 1])) && (end == text.Length || !IsIdentifierPart(text[end])))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsIdentifierPart(char c) => c == '_' || char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is
        System.Globalization.UnicodeCategory.ConnectorPunctuation or System.Globalization.UnicodeCategory.NonSpacingMark or
        System.Globalization.UnicodeCategory.SpacingCombiningMark or System.Globalization.UnicodeCategory.Format;
}
