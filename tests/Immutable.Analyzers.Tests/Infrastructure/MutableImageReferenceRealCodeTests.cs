using V = Immutable.Analyzers.Tests.Verify<Immutable.Analyzers.Infrastructure.MutableImageReferenceAnalyzer>;

namespace Immutable.Analyzers.Tests.Infrastructure;

/// <summary>IMM0008 on real-code patterns: only pulls and runs count, built images, fields and locals, wrappers, message.</summary>
public class MutableImageReferenceRealCodeTests
{
    private static readonly string[] AllApis = { StandIns.DockerDotNet, StandIns.Testcontainers, StandIns.Aspire, StandIns.Kubernetes };

    [Fact]
    public Task ReferencesThatAreNeverPulled_AreFine() => V.AnalyzerAsync("""
        using Aspire.Hosting;
        using DotNet.Testcontainers.Builders;
        using DotNet.Testcontainers.Images;

        public class ImageNameParsingTests
        {
            public void Parses()
            {
                var a = new DockerImage("nginx");
                var b = new DockerImage("registry.local:5000/team/api:latest");
                var missing = new ContainerBuilder().WithImage("does-not-exist");
                var missing2 = new ContainerBuilder("acme/nonexistent-image");
                var built = new ImageFromDockerfileBuilder().WithName("myapp").WithDockerfileDirectory(".");
            }
        }

        public static class AppHost
        {
            public static void Build(IDistributedApplicationBuilder builder)
            {
                builder.AddContainer("web", "myapp").WithDockerfile("../web");
                builder.AddContainer("worker", "worker").WithEnvironment("A", "B").WithDockerfileFactory("../worker", () => "FROM scratch");
            }
        }
        """, true, AllApis, null);

    [Fact]
    public Task ValuesInFieldsAndLocals_AreFollowed() => V.AnalyzerAsync("""
        using Docker.DotNet.Models;
        using DotNet.Testcontainers.Builders;

        public class Fixture
        {
            private static readonly string Nats = "nats";
            private static readonly string Pinned = "nats:2.10.22";
            private readonly string _image;

            public Fixture() => _image = "rabbitmq:latest";

            public object Start(bool pinned)
            {
                string local = "redis";
                var chosen = pinned ? Pinned : Nats;
                new ContainerBuilder().WithImage({|IMM0008:Nats|});
                new ContainerBuilder().WithImage(Pinned);
                new ContainerBuilder().WithImage({|IMM0008:_image|});
                new ContainerBuilder().WithImage(chosen);
                return new CreateContainerParameters { Image = {|IMM0008:local|} };
            }
        }
        """, true, AllApis, null);

    [Fact]
    public Task SeparateTag_IsShownWithoutNestedQuotes() => V.AnalyzerAsync("""
        using Aspire.Hosting;

        public static class AppHost
        {
            public static void Build(IDistributedApplicationBuilder builder) => builder.AddContainer("bus", {|#0:"nats"|}, "latest");
        }
        """, true, AllApis, null, V.Diagnostic("IMM0008").WithLocation(0).WithArguments("nats:latest", "uses the 'latest' tag, which moves", ""));

    [Fact]
    public Task Wrappers_AreSinksForTheirCallers() => V.AnalyzerAsync("""
        using DotNet.Testcontainers.Builders;

        public static class Containers
        {
            public static object Start(string image, string name) => new ContainerBuilder().WithImage(image).WithName(name).Build();
        }

        public class Tests
        {
            public void Run(string fromConfig)
            {
                {|#0:Containers.Start("mongo", "db")|};
                Containers.Start("mongo:7.0.14", "db");
                Containers.Start(fromConfig, "db");
            }
        }
        """, true, AllApis, null, V.Diagnostic("IMM0008").WithLocation(0).WithArguments("mongo", "has no tag, so it means 'latest'", " (through 'Containers.Start')"));
}
