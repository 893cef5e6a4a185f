using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Immutable.Analyzers;

/// <summary>
/// Per-compilation knowledge shared by the code-immutability analyzers: the options that decide verdicts and a
/// cache of type verdicts. One instance exists per <see cref="Compilation"/>, whichever analyzer asks first.
/// </summary>
internal sealed class ImmutabilityContext
{
    public const string KnownImmutableTypesOption = "immutable.known_immutable_types";
    public const string AllowReadOnlyInterfacesOption = "immutable.IMM0002.allow_readonly_interfaces";

    private static readonly ConditionalWeakTable<Compilation, ImmutabilityContext> Contexts = new();

    private readonly ConcurrentDictionary<ITypeSymbol, Verdict> _cache = new(SymbolEqualityComparer.Default);
    private readonly HashSet<string> _userImmutable = new(StringComparer.Ordinal);
    private readonly List<string> _userImmutablePrefixes = new();
    private readonly bool _allowReadOnlyInterfaces;

    private ImmutabilityContext(Compilation compilation, AnalyzerOptions options)
    {
        HasImmutableAttribute = compilation.GetTypesByMetadataName("Immutable.ImmutableAttribute").Length > 0;
        foreach (string value in OptionReader.GetCompilationWide(options, compilation, KnownImmutableTypesOption))
        {
            foreach (string entry in OptionReader.SplitList(value))
            {
                string name = entry.StartsWith("T:", StringComparison.Ordinal) ? entry.Substring(2) : entry;
                if (name.EndsWith("*", StringComparison.Ordinal))
                {
                    _userImmutablePrefixes.Add(name.Substring(0, name.Length - 1));
                }
                else
                {
                    _userImmutable.Add(name);
                }
            }
        }

        foreach (string value in OptionReader.GetCompilationWide(options, compilation, AllowReadOnlyInterfacesOption))
        {
            _allowReadOnlyInterfaces |= value.Trim().EqualsIgnoreCase("true");
        }
    }

    /// <summary>Whether any <c>Immutable.ImmutableAttribute</c> is visible to the compilation at all.</summary>
    public bool HasImmutableAttribute { get; }

    public static ImmutabilityContext Get(Compilation compilation, AnalyzerOptions options) =>
        Contexts.GetValue(compilation, c => new ImmutabilityContext(c, options));

    public Verdict GetVerdict(ITypeSymbol type)
    {
        if (_cache.TryGetValue(type, out Verdict cached))
        {
            return cached;
        }

        var inProgress = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        bool assumed = false;
        return Check(type, inProgress, ref assumed);
    }

    /// <summary>
    /// The System.Collections.Immutable / Frozen counterparts a member of this type can be changed to, when the
    /// type itself (and not one of its type arguments) is the mutable part.
    /// </summary>
    public string[] GetCounterparts(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol { Rank: 1 } array:
                return GetVerdict(array.ElementType).IsImmutable ? new[] { KnownTypes.ImmutableArray } : Array.Empty<string>();
            case INamedTypeSymbol named when KnownTypes.CollectionCounterparts.TryGetValue(named.FullMetadataName(), out string[]? targets):
                foreach (ITypeSymbol argument in named.TypeArguments)
                {
                    if (!GetVerdict(argument).IsImmutable)
                    {
                        return Array.Empty<string>();
                    }
                }

                return targets;
            default:
                return Array.Empty<string>();
        }
    }

    private Verdict Check(ITypeSymbol type, HashSet<ITypeSymbol> inProgress, ref bool assumed)
    {
        if (_cache.TryGetValue(type, out Verdict cached))
        {
            return cached;
        }

        if (!inProgress.Add(type))
        {
            // A type that refers to itself: assume immutable while we finish (a mutable verdict elsewhere still wins).
            assumed = true;
            return Verdict.Immutable;
        }

        bool localAssumed = false;
        Verdict verdict = Compute(type, inProgress, ref localAssumed);
        inProgress.Remove(type);
        if (!verdict.IsImmutable || !localAssumed)
        {
            _cache.TryAdd(type, verdict);
        }

        assumed |= localAssumed;
        return verdict;
    }

    private Verdict Compute(ITypeSymbol type, HashSet<ITypeSymbol> inProgress, ref bool assumed)
    {
        switch (type)
        {
            case IErrorTypeSymbol:
            case ITypeParameterSymbol:
                // Type parameters are checked where the generic type is used with concrete type arguments.
                return Verdict.Immutable;
            case IArrayTypeSymbol:
                return Verdict.Mutable("is an array, whose elements can be replaced");
            case IDynamicTypeSymbol:
                return Verdict.Mutable("is dynamic and can refer to any object");
            case IPointerTypeSymbol:
            case IFunctionPointerTypeSymbol:
                return Verdict.Mutable("is a pointer");
            case INamedTypeSymbol named:
                return ComputeNamed(named, inProgress, ref assumed);
            default:
                return Verdict.Mutable("is not known to be immutable");
        }
    }

    private Verdict ComputeNamed(INamedTypeSymbol type, HashSet<ITypeSymbol> inProgress, ref bool assumed)
    {
        if (type.TypeKind is TypeKind.Error or TypeKind.Enum)
        {
            return Verdict.Immutable;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
            case SpecialType.System_Char:
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Decimal:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_String:
            case SpecialType.System_IntPtr:
            case SpecialType.System_UIntPtr:
            case SpecialType.System_DateTime:
                return Verdict.Immutable;
        }

        if (type.IsTupleType)
        {
            foreach (IFieldSymbol element in type.TupleElements)
            {
                Verdict elementVerdict = Check(element.Type, inProgress, ref assumed);
                if (!elementVerdict.IsImmutable)
                {
                    return Verdict.Mutable($"has the element '{element.Name}' of type '{element.Type.Display()}', which {elementVerdict.Reason}");
                }
            }

            return Verdict.Immutable;
        }

        string fullName = type.FullMetadataName();
        if (IsUserKnownImmutable(fullName))
        {
            return Verdict.Immutable;
        }

        INamedTypeSymbol definition = type.OriginalDefinition;
        if (definition.IsImmutableAnnotated())
        {
            return CheckTypeArguments(type, inProgress, ref assumed);
        }

        if (definition.IsMutableByDesign())
        {
            return Verdict.Immutable;
        }

        if (KnownTypes.Immutable.Contains(fullName))
        {
            return Verdict.Immutable;
        }

        if (KnownTypes.ImmutableIfArgumentsAre.Contains(fullName))
        {
            return CheckTypeArguments(type, inProgress, ref assumed);
        }

        if (_allowReadOnlyInterfaces && KnownTypes.ReadOnlyInterfaces.Contains(fullName))
        {
            return CheckTypeArguments(type, inProgress, ref assumed);
        }

        if (KnownTypes.ReadOnlyInterfaces.Contains(fullName))
        {
            return Verdict.Mutable("is a read-only view a mutable collection can implement (accept with immutable.IMM0002.allow_readonly_interfaces = true)");
        }

        if (KnownTypes.Mutable.TryGetValue(fullName, out string? knownReason))
        {
            return Verdict.Mutable(knownReason);
        }

        if (KnownTypes.CollectionCounterparts.ContainsKey(fullName))
        {
            return type.TypeKind == TypeKind.Interface
                ? Verdict.Mutable("is a collection interface that a mutable collection can implement")
                : Verdict.Mutable("is a mutable collection");
        }

        switch (type.TypeKind)
        {
            case TypeKind.Delegate:
                return Verdict.Mutable("is a delegate, which can capture mutable state");
            case TypeKind.Interface:
                return Verdict.Mutable("is an interface that a mutable type can implement; annotate it [Immutable] or list it in immutable.known_immutable_types");
            case TypeKind.Struct:
                if (type.IsInSource())
                {
                    return CheckStructure(type, inProgress, ref assumed);
                }

                return type.IsReadOnly
                    ? CheckTypeArguments(type, inProgress, ref assumed)
                    : Verdict.Mutable("is a struct that is neither readonly nor known to be immutable");
            case TypeKind.Class:
                if (type.IsInSource() && type.IsSealed)
                {
                    return CheckStructure(type, inProgress, ref assumed);
                }

                return type.IsSealed
                    ? Verdict.Mutable("is a class that is neither annotated [Immutable] nor listed in immutable.known_immutable_types")
                    : Verdict.Mutable("is a class that is not annotated [Immutable] and not sealed, so instances can be mutable");
            default:
                return Verdict.Mutable("is not known to be immutable");
        }
    }

    private bool IsUserKnownImmutable(string fullName)
    {
        if (_userImmutable.Count > 0 && _userImmutable.Contains(fullName))
        {
            return true;
        }

        foreach (string prefix in _userImmutablePrefixes)
        {
            if (fullName.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private Verdict CheckTypeArguments(INamedTypeSymbol type, HashSet<ITypeSymbol> inProgress, ref bool assumed)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            foreach (ITypeSymbol argument in current.TypeArguments)
            {
                Verdict verdict = Check(argument, inProgress, ref assumed);
                if (!verdict.IsImmutable)
                {
                    return Verdict.Mutable($"has the type argument '{argument.Display()}', which {verdict.Reason}");
                }
            }
        }

        return Verdict.Immutable;
    }

    /// <summary>Infers the immutability of an unannotated sealed class or struct declared in source from its members.</summary>
    private Verdict CheckStructure(INamedTypeSymbol type, HashSet<ITypeSymbol> inProgress, ref bool assumed)
    {
        bool isClass = type.TypeKind == TypeKind.Class;
        if (isClass && type.BaseType is { SpecialType: not SpecialType.System_Object } baseType)
        {
            Verdict baseVerdict = Check(baseType, inProgress, ref assumed);
            if (!baseVerdict.IsImmutable)
            {
                return Verdict.Mutable($"derives from '{baseType.Display()}', which {baseVerdict.Reason}");
            }
        }

        foreach (ISymbol member in type.GetMembers())
        {
            if (member.IsStatic)
            {
                continue;
            }

            switch (member)
            {
                case IPropertySymbol { SetMethod: { IsInitOnly: false } } property when isClass:
                    return Verdict.Mutable($"has the settable property '{property.Name}'");
                case IFieldSymbol { IsConst: false } field:
                {
                    string name = field.AssociatedSymbol?.Name ?? field.Name;
                    if (isClass && !field.IsReadOnly)
                    {
                        return field.AssociatedSymbol is IEventSymbol
                            ? Verdict.Mutable($"has the field-like event '{name}'")
                            : Verdict.Mutable($"has the non-readonly field '{name}'");
                    }

                    Verdict fieldVerdict = Check(field.Type, inProgress, ref assumed);
                    if (!fieldVerdict.IsImmutable)
                    {
                        return Verdict.Mutable($"has the member '{name}' of type '{field.Type.Display()}', which {fieldVerdict.Reason}");
                    }

                    break;
                }
            }
        }

        return Verdict.Immutable;
    }
}
