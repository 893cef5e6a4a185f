using System.Diagnostics;
using System.Globalization;
using Immutable.Sdk.Docker.BuildContext;

namespace Immutable.Sdk.Docker.Images;

/// <summary>
/// The time an image says it was made (<c>org.opencontainers.image.created</c>), derived from the
/// inputs so that identical inputs give an identical image: <c>SOURCE_DATE_EPOCH</c> when set,
/// else the commit time of the git commit the context is checked out at, else the Unix epoch.
/// Never the wall clock — a build time would make every rebuild of unchanged inputs a new image.
/// </summary>
public static class SourceDate
{
    /// <summary>The creation time for a build of <paramref name="inputs"/>.</summary>
    public static DateTimeOffset Of(BuildInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return inputs.SourceDateEpoch is { } epoch
            ? DateTimeOffset.FromUnixTimeSeconds(epoch)
            : CommitTime(inputs.ContextDirectory) ?? DateTimeOffset.UnixEpoch;
    }

    /// <summary>The committer time of HEAD of the git work tree holding <paramref name="directory"/>; null when there is none (or no git).</summary>
    public static DateTimeOffset? CommitTime(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            return null;
        }

        // git itself, rather than reading .git by hand: commits may sit in packs, work trees in other directories.
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-C", directory, "log", "-1", "--format=%ct", "HEAD"])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        try
        {
            using var git = Process.Start(start);
            if (git is null)
            {
                return null;
            }

            var stderr = git.StandardError.ReadToEndAsync();
            var output = git.StandardOutput.ReadToEnd().Trim();
            _ = stderr.Result;
            git.WaitForExit();
            return git.ExitCode == 0 && long.TryParse(output, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No git on this machine: the context is not a commit we can date.
            return null;
        }
    }
}
