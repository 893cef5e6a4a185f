using System;
using System.Collections.Generic;

namespace Immutable.Analyzers;

/// <summary>
/// Decides whether a command line only reads: every simple command's program (or "program subcommand") is on a list
/// of read-only commands and no output is redirected to a file.
/// </summary>
internal sealed class ReadOnlyCommands
{
    /// <summary>The default list (<c>immutable.IMM0006.read_only_commands</c> replaces it; <c>none</c> empties it).</summary>
    public const string Default =
        "ls, cat, echo, printf, uptime, df, du, free, whoami, id, hostname, uname, pwd, date, ps, top, head, tail, grep, egrep, " +
        "fgrep, wc, stat, file, which, test, true, false, journalctl, dmesg, lsb_release, lscpu, lsblk, nproc, who, w, last, " +
        "sleep, sort, uniq, cut, tr, readlink, realpath, basename, dirname, md5sum, sha1sum, sha256sum, getent, printenv, " +
        "vmstat, iostat, netstat, ss, ping, less, more, curl, " +
        "systemctl status, systemctl is-active, systemctl is-enabled, systemctl show, docker ps, docker inspect, docker images, " +
        "docker logs, docker version, docker info, git status, git log, ip addr, ip route, ip a";

    private readonly HashSet<string> _programs = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _subcommands = new(StringComparer.OrdinalIgnoreCase);

    private ReadOnlyCommands(string list)
    {
        if (list.Trim().EqualsIgnoreCase("none"))
        {
            return;
        }

        foreach (string entry in OptionReader.SplitList(list))
        {
            string[] words = entry.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 1)
            {
                _programs.Add(ShellCommand.ProgramName(words[0]));
            }
            else
            {
                _subcommands.Add(ShellCommand.ProgramName(words[0]) + " " + words[1]);
            }
        }
    }

    public static ReadOnlyCommands Parse(string? configured) => new(configured ?? Default);

    /// <summary>True when the whole command line is known and only runs read-only commands.</summary>
    public bool IsReadOnly(string? commandLine)
    {
        if (commandLine is null || !OperationText.IsComplete(commandLine) || (_programs.Count == 0 && _subcommands.Count == 0))
        {
            return false;
        }

        foreach (List<string> words in ShellCommand.Split(commandLine))
        {
            string program = ShellCommand.ProgramName(words[0]);
            bool listed = _programs.Contains(program) || (FirstArgument(words) is { } sub && _subcommands.Contains(program + " " + sub));
            if (!listed || RedirectsToFile(words) || (program == "curl" && WritesDownload(words)))
            {
                return false;
            }
        }

        return true;
    }

    private static string? FirstArgument(List<string> words)
    {
        for (int i = 1; i < words.Count; i++)
        {
            if (!words[i].StartsWith("-", StringComparison.Ordinal))
            {
                return words[i];
            }
        }

        return null;
    }

    /// <summary>curl only reads unless it saves what it downloads.</summary>
    private static bool WritesDownload(List<string> words)
    {
        foreach (string word in words)
        {
            if (word is "-o" or "-O" or "--output" or "--remote-name" or "--remote-name-all" || word.StartsWith("--output=", StringComparison.Ordinal) ||
                (word.Length > 2 && word[0] == '-' && word[1] != '-' && (word.IndexOf('o') > 0 || word.IndexOf('O') > 0)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool RedirectsToFile(List<string> words)
    {
        for (int i = 0; i < words.Count; i++)
        {
            string word = words[i];
            int arrow = word.IndexOf('>');
            if (arrow < 0)
            {
                continue;
            }

            string target = arrow + 1 < word.Length ? word.Substring(arrow + 1).TrimStart('>') : (i + 1 < words.Count ? words[i + 1] : string.Empty);
            if (!(target == "&1" || target == "&2" || target == "/dev/null"))
            {
                return true;
            }
        }

        return false;
    }
}
