using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Immutable.Analyzers;

/// <summary>Reads rule options from .editorconfig / .globalconfig through the analyzer config options.</summary>
internal static class OptionReader
{
    /// <summary>Option value for one syntax tree (falls back to the global options).</summary>
    public static string? Get(AnalyzerOptions options, SyntaxTree? tree, string key)
    {
        AnalyzerConfigOptionsProvider provider = options.AnalyzerConfigOptionsProvider;
        if (tree is not null && provider.GetOptions(tree).TryGetValue(key, out string? value))
        {
            return value;
        }

        return provider.GlobalOptions.TryGetValue(key, out value) ? value : null;
    }

    public static bool GetBool(AnalyzerOptions options, SyntaxTree? tree, string key, bool defaultValue)
    {
        string? value = Get(options, tree, key);
        return value is null ? defaultValue : bool.TryParse(value.Trim(), out bool parsed) ? parsed : defaultValue;
    }

    /// <summary>
    /// Values of an option that applies to the whole compilation: the global options plus every value set
    /// for any syntax tree of the compilation (an .editorconfig section applies per file, but a verdict such
    /// as "this type is immutable" must be the same everywhere in the compilation).
    /// </summary>
    public static List<string> GetCompilationWide(AnalyzerOptions options, Compilation compilation, string key)
    {
        var values = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        AnalyzerConfigOptionsProvider provider = options.AnalyzerConfigOptionsProvider;
        if (provider.GlobalOptions.TryGetValue(key, out string? global) && seen.Add(global))
        {
            values.Add(global);
        }

        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            if (provider.GetOptions(tree).TryGetValue(key, out string? value) && seen.Add(value))
            {
                values.Add(value);
            }
        }

        return values;
    }

    /// <summary>Splits a list option on ';' and ',' and trims the entries.</summary>
    public static IEnumerable<string> SplitList(string value)
    {
        foreach (string part in value.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries))
        {
            string trimmed = part.Trim();
            if (trimmed.Length > 0)
            {
                yield return trimmed;
            }
        }
    }
}
