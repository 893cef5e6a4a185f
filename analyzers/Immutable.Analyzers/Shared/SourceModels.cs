using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Immutable.Analyzers;

/// <summary>
/// Per-compilation access to the operations of source code outside the callback being analyzed: the values assigned
/// to readonly fields and properties, and the bodies of methods that wrap a sink. Semantic models and results are
/// cached for the life of the compilation, so each member or method is looked at once whichever rule asks.
/// </summary>
internal sealed class SourceModels
{
    private static readonly ConditionalWeakTable<Compilation, SourceModels> Table = new();

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();
    private readonly ConcurrentDictionary<ISymbol, ImmutableArray<IOperation>> _memberValues = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<(string Rule, IMethodSymbol Method), object> _summaries = new();
    private string[]? _aliasNames;

    private SourceModels(Compilation compilation) => _compilation = compilation;

    public static SourceModels Of(Compilation compilation) => Table.GetValue(compilation, c => new SourceModels(c));

    /// <summary>The operation of a syntax node anywhere in the compilation.</summary>
    public IOperation? GetOperation(SyntaxNode node, CancellationToken cancellationToken)
    {
        if (!_compilation.ContainsSyntaxTree(node.SyntaxTree))
        {
            return null;
        }

        // One semantic model per tree, created on demand for the few trees that hold a followed member or wrapper.
#pragma warning disable RS1030 // The analyzed operation's model only covers its own tree; members and wrappers live in others.
        SemanticModel model = _models.GetOrAdd(node.SyntaxTree, tree => _compilation.GetSemanticModel(tree));
#pragma warning restore RS1030
        return model.GetOperation(node, cancellationToken);
    }

    /// <summary>
    /// The names of every using alias in the compilation (<c>using PSI = System.Diagnostics.ProcessStartInfo;</c>, also
    /// global ones): a method that names a sink type only through an alias must still pass the keyword prefilter.
    /// </summary>
    public string[] GetAliasNames(CancellationToken cancellationToken)
    {
        if (_aliasNames is { } known)
        {
            return known;
        }

        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (SyntaxTree tree in _compilation.SyntaxTrees)
        {
            if (tree.GetRoot(cancellationToken) is CompilationUnitSyntax unit)
            {
                AddAliases(unit.Usings, unit.Members, names);
            }
        }

        string[] result = new string[names.Count];
        names.CopyTo(result);
        return _aliasNames = result;
    }

    private static void AddAliases(SyntaxList<UsingDirectiveSyntax> usings, SyntaxList<MemberDeclarationSyntax> members, HashSet<string> names)
    {
        foreach (UsingDirectiveSyntax directive in usings)
        {
            if (directive.Alias is { } alias)
            {
                names.Add(alias.Name.Identifier.ValueText);
            }
        }

        foreach (MemberDeclarationSyntax member in members)
        {
            if (member is BaseNamespaceDeclarationSyntax ns)
            {
                AddAliases(ns.Usings, ns.Members, names);
            }
        }
    }

    /// <summary>A cached per-rule summary of a method (see <see cref="Wrappers"/>).</summary>
    public T GetSummary<T>(string rule, IMethodSymbol method, System.Func<IMethodSymbol, T> compute)
        where T : class =>
        (T)_summaries.GetOrAdd((rule, method), key => compute(key.Method));

    /// <summary>
    /// Every value a source readonly field or get-only auto-property can hold: its initializer and its assignments in
    /// the constructors of its type. Empty when the member is not such a member.
    /// </summary>
    public ImmutableArray<IOperation> GetMemberValues(ISymbol member, CancellationToken cancellationToken) =>
        _memberValues.GetOrAdd(member, m => ComputeMemberValues(m, cancellationToken));

    private ImmutableArray<IOperation> ComputeMemberValues(ISymbol member, CancellationToken cancellationToken)
    {
        bool followed = member switch
        {
            IFieldSymbol { IsReadOnly: true, IsConst: false } => true,
            IPropertySymbol { SetMethod: null, IsIndexer: false } property => IsAutoProperty(property, cancellationToken),
            _ => false,
        };

        if (!followed || member.ContainingType is not { } type || !member.IsInSource())
        {
            return ImmutableArray<IOperation>.Empty;
        }

        var values = ImmutableArray.CreateBuilder<IOperation>();
        foreach (SyntaxReference reference in member.DeclaringSyntaxReferences)
        {
            ExpressionSyntax? initializer = MemberSyntax.GetInitializer(reference.GetSyntax(cancellationToken));
            if (initializer is not null && GetOperation(initializer, cancellationToken) is { } value)
            {
                values.Add(value);
            }
        }

        foreach (IMethodSymbol constructor in member.IsStatic ? type.StaticConstructors : type.InstanceConstructors)
        {
            foreach (SyntaxReference reference in constructor.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is not ConstructorDeclarationSyntax declaration ||
                    GetOperation(declaration, cancellationToken) is not { } body)
                {
                    continue;
                }

                foreach (IOperation operation in body.Descendants())
                {
                    if (operation is ISimpleAssignmentOperation assignment && Assigns(assignment.Target, member))
                    {
                        values.Add(assignment.Value);
                    }
                }
            }
        }

        return values.ToImmutable();
    }

    private static bool Assigns(IOperation target, ISymbol member) => target switch
    {
        IFieldReferenceOperation field => SymbolEqualityComparer.Default.Equals(field.Field, member) && field.Instance is null or IInstanceReferenceOperation,
        IPropertyReferenceOperation property => SymbolEqualityComparer.Default.Equals(property.Property, member) && property.Instance is null or IInstanceReferenceOperation,
        _ => false,
    };

    private static bool IsAutoProperty(IPropertySymbol property, CancellationToken cancellationToken)
    {
        if (MemberSyntax.GetDeclaration(property, cancellationToken) is not PropertyDeclarationSyntax { AccessorList: { } accessors })
        {
            return false;
        }

        foreach (AccessorDeclarationSyntax accessor in accessors.Accessors)
        {
            if (accessor.Body is not null || accessor.ExpressionBody is not null)
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>The values written to a local in the body that declares it.</summary>
internal static class LocalValues
{
    /// <summary>
    /// Every value assigned to the local (initializer and simple assignments); <c>Complete</c> is false when it is
    /// also written in a way whose value is not visible (compound assignment, ref/out argument, increment).
    /// </summary>
    public static (List<IOperation> Values, bool Complete) Of(ILocalReferenceOperation reference)
    {
        var values = new List<IOperation>();
        bool complete = true;
        ILocalSymbol local = reference.Local;
        if (local.IsRef || local.IsForEach || local.IsUsing)
        {
            return (values, false);
        }

        foreach (IOperation operation in OperationText.Root(reference).Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    if (declarator.GetVariableInitializer()?.Value is { } initial)
                    {
                        values.Add(initial);
                    }

                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local):
                    values.Add(assignment.Value);
                    break;
                case ICompoundAssignmentOperation { Target: ILocalReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Local, local):
                case IIncrementOrDecrementOperation { Target: ILocalReferenceOperation target2 } when SymbolEqualityComparer.Default.Equals(target2.Local, local):
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: ILocalReferenceOperation target3 } when SymbolEqualityComparer.Default.Equals(target3.Local, local):
                case IDeclarationExpressionOperation { Expression: ILocalReferenceOperation target4 } when SymbolEqualityComparer.Default.Equals(target4.Local, local):
                    complete = false;
                    break;
            }
        }

        return (values, complete);
    }
}
