using System;
using System.Collections.Generic;

namespace Immutable.Analyzers;

/// <summary>Recognizes package-manager invocations that change installed software in a command line.</summary>
internal static class PackageCommand
{
    private static readonly HashSet<string> CommonVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "install", "add", "update", "upgrade", "remove", "uninstall", "erase", "purge", "reinstall", "downgrade",
        "dist-upgrade", "full-upgrade", "autoremove", "localinstall", "groupinstall",
    };

    /// <summary>Package managers and the extra verbs or flags (case-sensitive) that change installed packages.</summary>
    private static readonly Dictionary<string, string[]> Managers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["apt"] = Array.Empty<string>(),
        ["apt-get"] = Array.Empty<string>(),
        ["aptitude"] = Array.Empty<string>(),
        ["dpkg"] = new[] { "-i", "--install", "-r", "--remove", "-P", "--purge" },
        ["yum"] = Array.Empty<string>(),
        ["dnf"] = Array.Empty<string>(),
        ["microdnf"] = Array.Empty<string>(),
        ["rpm"] = new[] { "-i", "-U", "-e", "--install", "--upgrade", "--erase" },
        ["zypper"] = new[] { "in", "rm", "up" },
        ["apk"] = new[] { "del" },
        ["pacman"] = new[] { "-S", "-Sy", "-Syu", "-Su", "-U", "-R", "-Rs" },
        ["pip"] = Array.Empty<string>(),
        ["pipx"] = Array.Empty<string>(),
        ["conda"] = Array.Empty<string>(),
        ["npm"] = new[] { "i", "ci" },
        ["pnpm"] = new[] { "i" },
        ["yarn"] = Array.Empty<string>(),
        ["gem"] = Array.Empty<string>(),
        ["winget"] = Array.Empty<string>(),
        ["choco"] = Array.Empty<string>(),
        ["scoop"] = Array.Empty<string>(),
        ["brew"] = Array.Empty<string>(),
        ["snap"] = Array.Empty<string>(),
        ["flatpak"] = Array.Empty<string>(),
    };

    /// <summary>The matched command ("apt-get install"), or null when the command line installs nothing.</summary>
    public static string? Find(string commandLine, ICollection<string> extraManagers)
    {
        List<string> tokens = Tokenize(commandLine);
        for (int i = 0; i < tokens.Count; i++)
        {
            string name = ProgramName(tokens[i]);
            bool known = Managers.TryGetValue(name, out string[]? extraVerbs);
            if (!known && !extraManagers.Contains(name))
            {
                continue;
            }

            for (int j = i + 1; j < tokens.Count && !IsSeparator(tokens[j]); j++)
            {
                string token = tokens[j];
                if (CommonVerbs.Contains(token) || (extraVerbs is not null && Array.IndexOf(extraVerbs, token) >= 0))
                {
                    return tokens[i] + " " + token;
                }
            }
        }

        return null;
    }

    /// <summary>"/usr/bin/pip3.12" → "pip"; "choco.exe" → "choco".</summary>
    public static string ProgramName(string token)
    {
        int slash = Math.Max(token.LastIndexOf('/'), token.LastIndexOf('\\'));
        string name = slash >= 0 ? token.Substring(slash + 1) : token;
        foreach (string extension in new[] { ".exe", ".cmd", ".bat" })
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

    private static bool IsSeparator(string token) => token is ";" or "&&" or "||" or "|" or "&";

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c) || c is '"' or '\'' or '(' or ')' or '`' or '\u0001')
            {
                i++;
                continue;
            }

            if (c is ';' or '|' or '&')
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
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('"' or '\'' or ';' or '|' or '&' or '(' or ')' or '`' or '\u0001'))
            {
                i++;
            }

            tokens.Add(text.Substring(begin, i - begin));
        }

        return tokens;
    }
}
