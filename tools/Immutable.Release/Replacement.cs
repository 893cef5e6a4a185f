namespace Immutable.Release;

/// <summary>
/// Moves fully written files and directories from a staging directory into place. Each move is a rename on the
/// same file system; what a move replaces is first renamed into the staging directory, and put back if a later
/// move fails. The caller deletes the staging directory afterwards, whatever happened.
/// </summary>
public static class Replacement
{
    public static void Commit(string stagingDirectory, IReadOnlyList<(string Staged, string Target)> moves)
    {
        ArgumentNullException.ThrowIfNull(moves);
        var done = new List<(string Staged, string Target, string? Backup)>();
        try
        {
            for (var i = 0; i < moves.Count; i++)
            {
                var (staged, target) = moves[i];
                string? backup = null;
                if (Exists(target))
                {
                    backup = Path.Combine(stagingDirectory, $"replaced-{i}");
                    Move(target, backup);
                }

                try
                {
                    Move(staged, target);
                }
                catch
                {
                    if (backup is not null)
                    {
                        Move(backup, target);
                    }

                    throw;
                }

                done.Add((staged, target, backup));
            }
        }
        catch
        {
            for (var i = done.Count - 1; i >= 0; i--)
            {
                var (staged, target, backup) = done[i];
                Move(target, staged);
                if (backup is not null)
                {
                    Move(backup, target);
                }
            }

            throw;
        }
    }

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    private static void Move(string from, string to)
    {
        if (Directory.Exists(from))
        {
            Directory.Move(from, to);
        }
        else
        {
            File.Move(from, to);
        }
    }
}
