using V = Immutable.Analyzers.Tests.Verify<Immutable.Analyzers.Infrastructure.MutableImageReferenceAnalyzer>;

namespace Immutable.Analyzers.Tests.Infrastructure;

public class MutableImageReferenceTests
{
    private static readonly string[] AllApis = { StandIns.DockerDotNet, StandIns.Testcontainers, StandIns.Aspire, StandIns.Kubernetes };

    [Fact]
    public Task DockerDotNet_ImageWithoutTagOrLatest_IsReported() => V.AnalyzerAsync("""
        using Docker.DotNet.Models;

        public class Deployer
        {
            private const string Proxy = "nginx:latest";

            public void Create()
            {
                var a = new CreateContainerParameters { Image = {|#0:"nginx"|} };
                var b = new CreateContainerParameters { Image = {|#1:Proxy|} };
                var c = new CreateContainerParameters { Image = "nginx:1.27.2" };
                var d = new CreateContainerParameters { Image = "registry.local:5000/team/api:2024.11.3" };
                var e = new CreateContainerParameters { Image = {|IMM0008:"registry.local:5000/team/api"|} };
                var f = new CreateContainerParameters { Image = "nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31" };
                var g = new ImagesCreateParameters { FromImage = "redis", Tag = "7.4" };
                var h = new ImagesCreateParameters { FromImage = {|IMM0008:"redis"|} };
            }
        }
        """, true, AllApis, null,
        V.Diagnostic("IMM0008").WithLocation(0).WithArguments("nginx", "has no tag, so it means 'latest'", ""),
        V.Diagnostic("IMM0008").WithLocation(1).WithArguments("nginx:latest", "uses the 'latest' tag, which moves", ""));

    [Fact]
    public Task Testcontainers_WithImage_IsReported() => V.AnalyzerAsync("""
        using DotNet.Testcontainers.Builders;

        public class Fixture
        {
            public object Start() => new ContainerBuilder().WithImage({|IMM0008:"postgres:latest"|}).Build();
            public object Pinned() => new ContainerBuilder("postgres:16.4").WithName("db").Build();
            public object Ctor() => new ContainerBuilder({|IMM0008:"postgres"|}).Build();
        }
        """, true, AllApis, null);

    [Fact]
    public Task Aspire_TagDefaultsAndChains_AreUnderstood() => V.AnalyzerAsync("""
        using Aspire.Hosting;

        public static class AppHost
        {
            public static void Build(IDistributedApplicationBuilder builder)
            {
                builder.AddContainer("cache", {|IMM0008:"redis"|});
                builder.AddContainer("cache2", "redis:7.4");
                builder.AddContainer("cache3", "redis", "7.4");
                builder.AddContainer("cache4", {|IMM0008:"redis"|}, "latest");
                builder.AddContainer("cache5", "redis").WithImageTag("7.4");
                builder.AddContainer("cache6", "redis").WithEnvironment("A", "B").WithImageSHA256("0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31");
            }
        }
        """, true, AllApis, null);

    [Fact]
    public Task Kubernetes_ContainerImage_IsReported() => V.AnalyzerAsync("""
        using k8s.Models;

        public class Manifests
        {
            public V1Container Web() => new V1Container { Name = "web", Image = {|IMM0008:"ghcr.io/acme/web:latest"|} };
            public V1Container Api() => new V1Container("api", {|IMM0008:"ghcr.io/acme/api"|});
            public V1Container Pinned() => new V1Container("api", "ghcr.io/acme/api:3.2.1");
        }
        """, true, AllApis, null);

    [Fact]
    public Task RequireDigest_Option_ReportsTagsWithoutDigest() => V.AnalyzerAsync("""
        using Docker.DotNet.Models;

        public class Deployer
        {
            public void Create()
            {
                var a = new CreateContainerParameters { Image = {|#0:"nginx:1.27.2"|} };
                var b = new CreateContainerParameters { Image = "nginx:1.27.2@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31" };
            }
        }
        """, true, AllApis, "immutable.IMM0008.require_digest = true",
        V.Diagnostic("IMM0008").WithLocation(0).WithArguments("nginx:1.27.2", "is not pinned by an @sha256: digest (immutable.IMM0008.require_digest = true)", ""));

    [Fact]
    public Task NonConstantReferences_AndUnrelatedApis_AreFine() => V.AnalyzerAsync("""
        using Docker.DotNet.Models;

        namespace App
        {
            public class Picture { public string Image { get; set; } }

            public class Deployer
            {
                public void Create(string image, string version)
                {
                    var a = new CreateContainerParameters { Image = image };
                    var b = new CreateContainerParameters { Image = $"nginx:{version}" };
                    var c = new Picture { Image = "logo" };
                }
            }
        }
        """, true, AllApis, null);

    [Fact]
    public Task NotActive_WithoutContainerLibraries() => V.AnalyzerAsync("""
        namespace Docker.DotNet.Models
        {
            public class Other { public string Image { get; set; } }
            public class Uses { public Other Make() => new Other { Image = "nginx" }; }
        }
        """);
}

public class MutableImageReferenceMoreTests
{
    [Fact]
    public Task ConstantsFromOtherTypes_AreFollowed() => Verify<Immutable.Analyzers.Infrastructure.MutableImageReferenceAnalyzer>.AnalyzerAsync("""
        using DotNet.Testcontainers.Builders;

        public static class Images
        {
            public const string Postgres = "postgres";
            public const string Redis = "redis:7.4.1";
        }

        public class Fixture
        {
            public object Db() => new ContainerBuilder().WithImage({|IMM0008:Images.Postgres|}).Build();
            public object Cache() => new ContainerBuilder().WithImage(Images.Redis).Build();
        }
        """, true, new[] { StandIns.Testcontainers }, null);
}
