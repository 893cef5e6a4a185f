using System;
using Microsoft.CodeAnalysis;

namespace Immutable.Analyzers;

internal static class SymbolExtensions
{
    /// <summary>True when <paramref name="ns"/> is exactly the dotted namespace <paramref name="name"/>.</summary>
    public static bool IsNamespace(this INamespaceSymbol? ns, string name)
    {
        int end = name.Length;
        while (ns is { IsGlobalNamespace: false })
        {
            int start = name.LastIndexOf('.', end - 1) + 1;
            int length = end - start;
            if (length != ns.Name.Length || string.CompareOrdinal(name, start, ns.Name, 0, length) != 0)
            {
                return false;
            }

            ns = ns.ContainingNamespace;
            end = start - 1;
            if (end < 0)
            {
                return ns is { IsGlobalNamespace: true };
            }
        }

        return false;
    }

    /// <summary>True when the type is the top-level type <paramref name="ns"/>.<paramref name="name"/> (arity ignored).</summary>
    public static bool IsType(this ITypeSymbol? type, string ns, string name) =>
        type is INamedTypeSymbol { ContainingType: null } named &&
        named.Name == name &&
        named.ContainingNamespace.IsNamespace(ns);

    /// <summary>The outermost namespace of a symbol, or the empty string.</summary>
    public static string RootNamespace(this ISymbol symbol)
    {
        INamespaceSymbol? ns = symbol.ContainingNamespace;
        string root = string.Empty;
        while (ns is { IsGlobalNamespace: false })
        {
            root = ns.Name;
            ns = ns.ContainingNamespace;
        }

        return root;
    }

    /// <summary>The metadata name of the original definition, with namespace: <c>System.Collections.Generic.List`1</c>.</summary>
    public static string FullMetadataName(this INamedTypeSymbol type)
    {
        type = type.OriginalDefinition;
        string name = type.MetadataName;
        if (type.ContainingType is { } outer)
        {
            return FullMetadataName(outer) + "+" + name;
        }

        INamespaceSymbol? ns = type.ContainingNamespace;
        while (ns is { IsGlobalNamespace: false })
        {
            name = ns.Name + "." + name;
            ns = ns.ContainingNamespace;
        }

        return name;
    }

    public static bool HasAttribute(this ISymbol symbol, string name)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { } cls && cls.IsType("Immutable", name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Annotated with <c>Immutable.ImmutableAttribute</c> (matched by name, so user-declared copies count).</summary>
    public static bool IsImmutableAnnotated(this ISymbol symbol) => symbol.HasAttribute("ImmutableAttribute");

    /// <summary>Annotated with <c>Immutable.MutableByDesignAttribute</c>.</summary>
    public static bool IsMutableByDesign(this ISymbol symbol) => symbol.HasAttribute("MutableByDesignAttribute");

    public static bool IsInSource(this ISymbol symbol)
    {
        foreach (Location location in symbol.Locations)
        {
            if (location.IsInSource)
            {
                return true;
            }
        }

        return false;
    }

    public static Location FirstLocation(this ISymbol symbol) =>
        symbol.Locations.Length > 0 ? symbol.Locations[0] : Location.None;

    public static string KindName(this ISymbol symbol) => symbol switch
    {
        IFieldSymbol => "Field",
        IPropertySymbol => "Property",
        IEventSymbol => "Event",
        IParameterSymbol => "Parameter",
        _ => "Member",
    };

    /// <summary>Short C# display form for messages: <c>List&lt;string&gt;</c>, not the fully qualified name.</summary>
    public static string Display(this ISymbol symbol) => symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);

    public static bool EqualsIgnoreCase(this string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
