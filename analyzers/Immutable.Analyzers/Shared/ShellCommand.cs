using System;
using System.Collections.Generic;

namespace Immutable.Analyzers;

/// <summary>
/// Splits a command line into the simple commands a shell would run, and finds the program of each: the first word,
/// after <c>sudo</c>/<c>env</c>/<c>doas</c> and variable assignments, after <c>;</c> <c>&amp;&amp;</c> <c>||</c>
/// <c>|</c> <c>&amp;</c>, and at the start of the script of <c>sh -c</c>, <c>bash -c</c>, <c>cmd /c</c> or
/// <c>powershell -Command</c>. Quotes are dropped, so a quoted script is read as the words it contains.
/// </summary>
internal static class ShellCommand
{
    /// <summary>A word whose text is only known at run time.</summary>
    public const string UnknownWord = "\u0001";

    private static readonly HashSet<string> Shells = new(StringComparer.OrdinalIgnoreCase)
    {
        "sh", "bash", "dash", "ash", "zsh", "ksh",
    };

    private static readonly HashSet<string> Prefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "sudo", "doas", "env", "nohup", "exec", "time", "nice", "command",
    };

    /// <summary>Prefix options that take a value (<c>sudo -u root</c>).</summary>
    private static readonly HashSet<string> PrefixOptionsWithValue = new(StringComparer.Ordinal) { "-u", "-g", "-C", "-n", "-U" };

    /// <summary>The simple commands of a command line; each starts with its program word.</summary>
    public static List<List<string>> Split(string commandLine)
    {
        var commands = new List<List<string>>();
        List<string> words = Tokenize(commandLine);
        var current = new List<string>();
        foreach (string word in words)
        {
            if (IsSeparator(word))
            {
                AddCommand(commands, current);
                current = new List<string>();
            }
            else
            {
                current.Add(word);
            }
        }

        AddCommand(commands, current);
        return commands;
    }

    /// <summary>Adds a command after removing prefixes; a shell with a script adds the script's commands instead.</summary>
    private static void AddCommand(List<List<string>> commands, List<string> words)
    {
        int start = SkipPrefixes(words, 0);
        if (start >= words.Count)
        {
            return;
        }

        string program = ProgramName(words[start]);
        int script = ScriptStart(program, words, start + 1);
        if (script >= 0)
        {
            AddCommand(commands, words.GetRange(script, words.Count - script));
            return;
        }

        commands.Add(words.GetRange(start, words.Count - start));
    }

    private static int SkipPrefixes(List<string> words, int index)
    {
        while (index < words.Count)
        {
            string word = words[index];
            if (IsAssignment(word))
            {
                index++;
                continue;
            }

            if (!Prefixes.Contains(ProgramName(word)))
            {
                return index;
            }

            index++;
            while (index < words.Count && (words[index].StartsWith("-", StringComparison.Ordinal) || IsAssignment(words[index])))
            {
                index += PrefixOptionsWithValue.Contains(words[index]) ? 2 : 1;
            }
        }

        return index;
    }

    /// <summary>Index of the first word of the script run by a shell (<c>-c</c>, <c>/c</c>, <c>-Command</c>), or -1.</summary>
    private static int ScriptStart(string program, List<string> words, int index)
    {
        bool posix = Shells.Contains(program);
        bool cmd = program == "cmd";
        bool powershell = program is "powershell" or "pwsh";
        if (!posix && !cmd && !powershell)
        {
            return -1;
        }

        for (; index < words.Count; index++)
        {
            string word = words[index];
            if (posix && word.Length > 1 && word[0] == '-' && word[1] != '-' && word.IndexOf('c') > 0)
            {
                return index + 1; // -c, -lc, -ec, -xc
            }

            if (cmd && (word.EqualsIgnoreCase("/c") || word.EqualsIgnoreCase("/k")))
            {
                return index + 1;
            }

            if (powershell && (word.EqualsIgnoreCase("-Command") || word.EqualsIgnoreCase("-c")))
            {
                return index + 1;
            }

            bool option = word.StartsWith("-", StringComparison.Ordinal) || (cmd && word.StartsWith("/", StringComparison.Ordinal));
            if (!option)
            {
                // PowerShell runs a bare command after its options; a POSIX shell runs a script file.
                return powershell ? index : -1;
            }
        }

        return -1;
    }

    private static bool IsAssignment(string word)
    {
        int equals = word.IndexOf('=');
        if (equals <= 0 || word[0] == '-')
        {
            return false;
        }

        for (int i = 0; i < equals; i++)
        {
            if (!(char.IsLetterOrDigit(word[i]) || word[i] == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"/usr/bin/pip3.12" → "pip"; "choco.exe" → "choco"; case-folded.</summary>
    public static string ProgramName(string token)
    {
        int slash = Math.Max(token.LastIndexOf('/'), token.LastIndexOf('\\'));
        string name = slash >= 0 ? token.Substring(slash + 1) : token;
        foreach (string extension in new[] { ".exe", ".cmd", ".bat", ".ps1" })
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                name = name.Substring(0, name.Length - extension.Length);
            }
        }

        int end = name.Length;
        while (end > 1 && (char.IsDigit(name[end - 1]) || name[end - 1] == '.'))
        {
            end--;
        }

        return name.Substring(0, end).ToLowerInvariant();
    }

    public static bool IsSeparator(string token) => token is ";" or "&&" or "||" or "|" or "&" or "\n";

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\n' || c == '\r')
            {
                tokens.Add("\n");
                i++;
                continue;
            }

            if (char.IsWhiteSpace(c) || c is '"' or '\'' or '(' or ')' or '`')
            {
                i++;
                continue;
            }

            if (c == '\u0001')
            {
                tokens.Add(UnknownWord);
                i++;
                continue;
            }

            bool redirection = c == '&' && i > 0 && text[i - 1] == '>'; // 2>&1
            if (c is ';' or '|' or '&' && !redirection)
            {
                int start = i;
                while (i < text.Length && text[i] == c && i - start < 2)
                {
                    i++;
                }

                tokens.Add(text.Substring(start, i - start));
                continue;
            }

            int begin = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) &&
                   (text[i] is not ('"' or '\'' or ';' or '|' or '&' or '(' or ')' or '`' or '\u0001') || (text[i] == '&' && i > 0 && text[i - 1] == '>')))
            {
                i++;
            }

            tokens.Add(text.Substring(begin, i - begin));
        }

        return tokens;
    }
}
