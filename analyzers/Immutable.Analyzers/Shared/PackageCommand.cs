using System;
using System.Collections.Generic;

namespace Immutable.Analyzers;

/// <summary>
/// Recognizes package-manager commands that change installed software. A manager counts only in command position
/// (see <see cref="ShellCommand"/>), and only when its subcommand — the first word after its options — is a verb
/// that installs, upgrades or removes packages. Text in arguments (<c>git commit -m "apt install"</c>) is not a command.
/// </summary>
internal static class PackageCommand
{
    private static readonly HashSet<string> CommonVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "install", "add", "update", "upgrade", "remove", "uninstall", "erase", "purge", "reinstall", "downgrade",
        "dist-upgrade", "full-upgrade", "autoremove", "localinstall", "groupinstall",
    };

    /// <summary>Package managers and their extra verbs or verb flags (case-sensitive).</summary>
    private static readonly Dictionary<string, string[]> Managers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["apt"] = Array.Empty<string>(),
        ["apt-get"] = Array.Empty<string>(),
        ["aptitude"] = Array.Empty<string>(),
        ["dpkg"] = new[] { "-i", "--install", "-r", "--remove", "-P", "--purge" },
        ["yum"] = Array.Empty<string>(),
        ["dnf"] = Array.Empty<string>(),
        ["microdnf"] = Array.Empty<string>(),
        ["rpm"] = new[] { "-i", "-U", "-e", "-ivh", "-Uvh", "--install", "--upgrade", "--erase" },
        ["zypper"] = new[] { "in", "rm", "up" },
        ["apk"] = new[] { "del" },
        ["pacman"] = new[] { "-S", "-Sy", "-Syu", "-Su", "-U", "-R", "-Rs" },
        ["pip"] = Array.Empty<string>(),
        ["pipx"] = Array.Empty<string>(),
        ["conda"] = Array.Empty<string>(),
        ["npm"] = new[] { "i", "ci" },
        ["pnpm"] = new[] { "i" },
        ["yarn"] = new[] { "global" },
        ["gem"] = Array.Empty<string>(),
        ["winget"] = Array.Empty<string>(),
        ["choco"] = Array.Empty<string>(),
        ["scoop"] = Array.Empty<string>(),
        ["brew"] = Array.Empty<string>(),
        ["snap"] = Array.Empty<string>(),
        ["flatpak"] = Array.Empty<string>(),
        ["cargo"] = Array.Empty<string>(),
        ["go"] = Array.Empty<string>(),
    };

    /// <summary>PowerShell commands that install or update modules and packages; the command itself is the verb.</summary>
    private static readonly HashSet<string> PowerShellInstalls = new(StringComparer.OrdinalIgnoreCase)
    {
        "install-module", "update-module", "install-package", "install-psresource", "update-psresource", "install-packageprovider",
    };

    /// <summary>Interpreters that run a package manager as a module: <c>python -m pip install</c>.</summary>
    private static readonly HashSet<string> ModuleRunners = new(StringComparer.OrdinalIgnoreCase) { "python", "py", "python3" };

    /// <summary>The matched command ("apt-get install"), or null when the command line installs nothing.</summary>
    public static string? Find(string commandLine, ICollection<string> extraManagers)
    {
        foreach (List<string> words in ShellCommand.Split(commandLine))
        {
            if (Match(words, extraManagers) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static string? Match(List<string> words, ICollection<string> extraManagers)
    {
        string program = ShellCommand.ProgramName(words[0]);
        if (PowerShellInstalls.Contains(program))
        {
            return words[0];
        }

        int verbIndex = 1;
        if (ModuleRunners.Contains(program) && words.Count > 2 && words[1] == "-m")
        {
            program = ShellCommand.ProgramName(words[2]);
            verbIndex = 3;
        }

        if (program == "dotnet")
        {
            return DotnetToolInstall(words);
        }

        bool known = Managers.TryGetValue(program, out string[]? extraVerbs);
        if (!known && !extraManagers.Contains(program))
        {
            return null;
        }

        for (int j = verbIndex; j < words.Count; j++)
        {
            string word = words[j];
            if (CommonVerbs.Contains(word) || (extraVerbs is not null && Array.IndexOf(extraVerbs, word) >= 0))
            {
                return words[verbIndex - 1] + " " + word;
            }

            if (!word.StartsWith("-", StringComparison.Ordinal))
            {
                return null; // The subcommand is something else: run, list, search, show…
            }
        }

        return null;
    }

    /// <summary><c>dotnet tool install -g</c> / <c>update --global</c> / <c>--tool-path</c>: a tool installed on the machine.</summary>
    private static string? DotnetToolInstall(List<string> words)
    {
        if (words.Count < 3 || !words[1].EqualsIgnoreCase("tool") || !(words[2].EqualsIgnoreCase("install") || words[2].EqualsIgnoreCase("update")))
        {
            return null;
        }

        for (int i = 3; i < words.Count; i++)
        {
            if (words[i] is "-g" or "--global" or "--tool-path")
            {
                return "dotnet tool " + words[2] + " " + words[i];
            }
        }

        return null;
    }

    /// <summary>"/usr/bin/pip3.12" → "pip"; "choco.exe" → "choco".</summary>
    public static string ProgramName(string token) => ShellCommand.ProgramName(token);
}
