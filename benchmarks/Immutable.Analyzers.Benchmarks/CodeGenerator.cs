using System.Globalization;
using System.Text;

namespace Immutable.Analyzers.Benchmarks;

/// <summary>
/// Writes a synthetic but realistic C# project: immutable records and classes (some with violations), DTOs and
/// options classes, services doing string/LINQ/IO/process work, generic types, static state, and stand-ins for
/// Docker.DotNet and SSH.NET so that every infrastructure analyzer is active (the worst case for their cost).
/// </summary>
internal static class CodeGenerator
{
    public static void Generate(string directory, int files)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Generated.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <AnalysisLevel>latest</AnalysisLevel>
                <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
                <NoWarn>$(NoWarn);CS0067;CS0169;CS0414;CS0649;CS8618;CA1822;CA2211;IDE0044</NoWarn>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
            </Project>
            """);

        File.WriteAllText(Path.Combine(directory, "Annotations.cs"), """
            namespace Immutable
            {
                [System.AttributeUsage(System.AttributeTargets.Class | System.AttributeTargets.Struct | System.AttributeTargets.Interface, Inherited = false)]
                public sealed class ImmutableAttribute : System.Attribute { }

                [System.AttributeUsage(System.AttributeTargets.All, Inherited = false)]
                public sealed class MutableByDesignAttribute : System.Attribute
                {
                    public MutableByDesignAttribute(string owner, string rationale) { Owner = owner; Rationale = rationale; }
                    public string Owner { get; }
                    public string Rationale { get; }
                }
            }
            """);

        File.WriteAllText(Path.Combine(directory, "StandIns.cs"), """
            namespace Docker.DotNet.Models
            {
                public class CreateContainerParameters { public string? Image { get; set; } }
                public class ContainerUpdateParameters { public long? Memory { get; set; } }
            }

            namespace Docker.DotNet
            {
                public interface IContainerOperations
                {
                    Task UpdateContainerAsync(string id, Docker.DotNet.Models.ContainerUpdateParameters parameters, CancellationToken cancellationToken = default);
                    Task<string> CreateContainerAsync(Docker.DotNet.Models.CreateContainerParameters parameters, CancellationToken cancellationToken = default);
                }
            }

            namespace Renci.SshNet
            {
                public class SshClient
                {
                    public SshClient(string host, string user, string password) { }
                    public object RunCommand(string command) => command;
                }
            }
            """);

        for (int i = 0; i < files; i++)
        {
            File.WriteAllText(Path.Combine(directory, $"File{i:D5}.cs"), GenerateFile(i));
        }
    }

    private static string GenerateFile(int i)
    {
        string ns = "Generated.Area" + (i / 50).ToString(CultureInfo.InvariantCulture);
        var code = new StringBuilder();
        code.AppendLine("using System.Collections.Frozen;");
        code.AppendLine("using System.Collections.Immutable;");
        code.AppendLine("using System.Diagnostics;");
        code.AppendLine("using System.Text;");
        code.AppendLine("using Immutable;");
        code.AppendLine();
        code.AppendLine($"namespace {ns};");
        code.AppendLine();

        // Every 20th file carries violations, so the analyzers also pay for reporting.
        bool violating = i % 20 == 0;
        code.AppendLine(ImmutableRecord(i, violating));
        code.AppendLine(ImmutableClass(i, violating));
        code.AppendLine(Dto(i));
        code.AppendLine(Service(i, violating));
        return code.ToString();
    }

    private static string ImmutableRecord(int i, bool violating) => $$"""
        [Immutable]
        public sealed record Spec{{i}}(string Name, int Replicas, ImmutableArray<string> Hosts, ImmutableDictionary<string, string> Labels)
        {
            public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds({{i % 90 + 1}});
            public Uri Endpoint { get; init; } = new("https://service{{i}}.example.com");
            public Box{{i}}<string> Tag { get; init; } = new("v{{i}}");
            {{(violating ? "public List<string> Extra { get; init; } = new();" : "public ImmutableList<string> Extra { get; init; } = ImmutableList<string>.Empty;")}}
            public bool IsLarge => Replicas > {{i % 7 + 2}} && Hosts.Length > 1;
            public Spec{{i}} Scale(int replicas) => this with { Replicas = replicas };
        }

        [Immutable]
        public sealed class Box{{i}}<T>
        {
            public Box{{i}}(T value) { Value = value; }
            public T Value { get; }
            public Box{{i}}<TResult> Map<TResult>(Func<T, TResult> map) => new(map(Value));
        }
        """;

    private static string ImmutableClass(int i, bool violating) => $$"""
        [Immutable]
        public sealed class Plan{{i}}
        {
            private static readonly FrozenSet<string> s_reserved = new[] { "default", "system", "kube" }.ToFrozenSet();
            private readonly ImmutableArray<Spec{{i}}> _specs;
            {{(violating ? "private int _revision;" : "private readonly int _revision;")}}
            {{(violating ? "public string Owner { get; set; } = \"ops\";" : "public string Owner { get; init; } = \"ops\";")}}
            {{(violating ? "private static int s_counter;" : "private const int Limit = 10;")}}

            public Plan{{i}}(IEnumerable<Spec{{i}}> specs, int revision)
            {
                _specs = specs.ToImmutableArray();
                _revision = revision;
            }

            public int Revision => _revision;

            public ImmutableArray<Spec{{i}}> Specs => _specs;

            public bool IsReserved(string name) => s_reserved.Contains(name);

            public Plan{{i}} With(Spec{{i}} spec) => new(_specs.Add(spec), _revision + 1);

            public string Describe()
            {
                var text = new StringBuilder();
                foreach (Spec{{i}} spec in _specs.Where(s => !IsReserved(s.Name)).OrderBy(s => s.Name, StringComparer.Ordinal))
                {
                    text.Append(spec.Name).Append('=').Append(spec.Replicas).Append(';');
                }

                return text.ToString();
            }
        }
        """;

    private static string Dto(int i) => $$"""
        public sealed class Request{{i}}Dto
        {
            public string Name { get; set; } = "";
            public int Replicas { get; set; }
            public List<string> Hosts { get; set; } = new();
            public Dictionary<string, string> Labels { get; set; } = new();
            public string[]? Tags { get; set; }

            public Spec{{i}} ToSpec() => new(Name, Replicas, Hosts.ToImmutableArray(), Labels.ToImmutableDictionary());
        }

        public sealed class Options{{i}}
        {
            public string ConnectionString { get; set; } = "Host=db{{i}}";
            public int Retries { get; set; } = {{i % 5}};
            public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds({{i % 1000}});
        }
        """;

    private static string Service(int i, bool violating) => $$"""
        public sealed class Service{{i}}
        {
            private readonly Options{{i}} _options;
            private readonly Docker.DotNet.IContainerOperations _containers;

            public Service{{i}}(Options{{i}} options, Docker.DotNet.IContainerOperations containers)
            {
                _options = options;
                _containers = containers;
            }

            public async Task<string> DeployAsync(Spec{{i}} spec, CancellationToken cancellationToken)
            {
                string id = await _containers.CreateContainerAsync(new Docker.DotNet.Models.CreateContainerParameters
                {
                    Image = {{(violating ? "\"nginx\"" : "\"nginx:1.27." + (i % 10).ToString(CultureInfo.InvariantCulture) + "\"")}},
                }, cancellationToken);
                {{(violating ? "await _containers.UpdateContainerAsync(id, new Docker.DotNet.Models.ContainerUpdateParameters { Memory = 1024 }, cancellationToken);" : string.Empty)}}
                return id + spec.Name;
            }

            public string ReadConfig()
            {
                string path = Path.Combine(AppContext.BaseDirectory, "config{{i}}.json");
                string text = File.Exists(path) ? File.ReadAllText(path) : "{}";
                {{(violating ? "File.WriteAllText(Path.Combine(AppContext.BaseDirectory, \"cache.json\"), text);" : "File.WriteAllText(Path.Combine(Path.GetTempPath(), \"cache" + i.ToString(CultureInfo.InvariantCulture) + ".json\"), text);")}}
                return text;
            }

            public void RunTool(string argument)
            {
                using Process? git = Process.Start("git", "status --short " + argument);
                git?.WaitForExit();
                {{(violating ? "Process.Start(\"sh\", \"-c \\\"apt-get install -y jq\\\"\");" : string.Empty)}}
                Exec("git", "log -1 --format=%H");
                {{(violating ? "Exec(\"pip\", \"install requests\");" : "Exec(\"dotnet\", \"--info\");")}}
                SaveState(Path.GetTempPath(), "{{i}}");
            }

            // A small wrapper, as real projects have: followed one level by IMM0007 and IMM0009.
            private static int Exec(string file, string arguments)
            {
                var info = new ProcessStartInfo { FileName = file, Arguments = arguments, UseShellExecute = false };
                using Process? process = Process.Start(info);
                process?.WaitForExit();
                return process?.ExitCode ?? -1;
            }

            private static void SaveState(string directory, string text) => File.WriteAllText(Path.Combine(directory, "state.txt"), text);

            public int Score(IEnumerable<Request{{i}}Dto> requests)
            {
                int score = 0;
                foreach (Request{{i}}Dto request in requests)
                {
                    score += request.Replicas * {{i % 13 + 1}};
                    if (request.Name.Length > {{i % 17 + 3}})
                    {
                        score -= request.Hosts.Count;
                    }

                    score += request.Labels.Count(pair => pair.Key.StartsWith("app", StringComparison.Ordinal));
                }

                return score + _options.Retries;
            }
        }
        """;
}
