using System.Text;

namespace Immutable.Sdk.Docker.Tests.BuildContext;

/// <summary>A throwaway directory tree for one test.</summary>
internal sealed class TempTree : IDisposable
{
    public TempTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "immutable-ctx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string this[string relative] => Path.Combine(Root, relative);

    /// <summary>Writes a file (creating its directories) and returns its full path.</summary>
    public string File(string relative, string content = "x")
    {
        var path = this[relative];
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    public string Dir(string relative) => Directory.CreateDirectory(this[relative]).FullName;

    public void Link(string relative, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(this[relative])!);
        System.IO.File.CreateSymbolicLink(this[relative], target);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
