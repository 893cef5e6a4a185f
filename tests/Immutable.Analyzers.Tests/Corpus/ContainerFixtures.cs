// Container test fixtures, an app host and a deployer (patterns: Testcontainers suites, Aspire app hosts, k8s tools).
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Aspire.Hosting;
using Docker.DotNet;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Images;
using k8s.Models;

namespace Corpus.Containers
{
    public static class TestImages
    {
        public const string Postgres = "postgres:16.4-alpine";
        public const string Redis = "redis";
        public static readonly string Nats = "nats:latest";
        public static readonly string Minio = "minio/minio:RELEASE.2024-10-13T13-34-11Z";
        public static readonly string Pinned = "ghcr.io/acme/api@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31";
    }

    public sealed class DatabaseFixture
    {
        private readonly string _image;

        public DatabaseFixture() => _image = "mcr.microsoft.com/mssql/server:2022-latest";

        public object Postgres() => new ContainerBuilder(TestImages.Postgres).WithName("pg").Build();
        public object Cache() => new ContainerBuilder().WithImage(TestImages.Redis).Build(); // expect: IMM0008
        public object Bus() => new ContainerBuilder().WithImage(TestImages.Nats).Build(); // expect: IMM0008
        public object Storage() => new ContainerBuilder().WithImage(TestImages.Minio).Build();
        public object Api() => new ContainerBuilder().WithImage(TestImages.Pinned).Build();
        public object SqlServer() => new ContainerBuilder().WithImage(_image).Build();

        public object Missing() => new ContainerBuilder().WithImage("does-not-exist").Build();

        public object Local()
        {
            string image = "mongo";
            return new ContainerBuilder().WithImage(image).Build(); // expect: IMM0008
        }
    }

    public static class ContainerFactory
    {
        public static object Start(string image, string name) => new ContainerBuilder().WithImage(image).WithName(name).Build();

        public static void All()
        {
            Start("rabbitmq:3.13-management", "mq");
            Start("elasticsearch", "search"); // expect: IMM0008
            Start(Environment.GetEnvironmentVariable("IMAGE") ?? "busybox:1.36", "custom");
        }
    }

    public class ImageNameTests
    {
        public void Parses()
        {
            var a = new DockerImage("nginx");
            var b = new DockerImage("localhost:5000/team/app:latest");
            var c = new DockerImage("app");
            Console.WriteLine(a.FullName + b.Tag + c.FullName);
        }
    }

    public static class AppHost
    {
        public static void Configure(IDistributedApplicationBuilder builder)
        {
            builder.AddContainer("cache", "redis", "7.4.1");
            builder.AddContainer("grafana", "grafana/grafana"); // expect: IMM0008
            builder.AddContainer("bus", "nats", "latest"); // expect: IMM0008
            builder.AddContainer("web", "acme-web").WithDockerfile("../Web");
            builder.AddContainer("worker", "acme-worker").WithEnvironment("MODE", "batch").WithDockerfileFactory("../Worker", () => "FROM scratch");
            builder.AddContainer("seq", "datalust/seq").WithImageTag("2024.3");
            builder.AddContainer("otel", "otel/opentelemetry-collector").WithImageSHA256("0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31");
        }
    }

    public sealed class Deployer
    {
        private readonly DockerClient _docker;

        public Deployer(DockerClient docker) => _docker = docker;

        public async Task<string> DeployAsync(string version, CancellationToken cancellationToken)
        {
            await _docker.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = "acme/api", Tag = version }, null!, null!, cancellationToken);
            await _docker.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = "acme/sidecar" }, null!, null!, cancellationToken); // expect: IMM0008
            string id = await _docker.Containers.CreateContainerAsync(new CreateContainerParameters { Image = "acme/api:" + version }, cancellationToken);
            string proxy = await _docker.Containers.CreateContainerAsync(new CreateContainerParameters { Image = "nginx" }, cancellationToken); // expect: IMM0008
            await _docker.Containers.StartContainerAsync(id, null!, cancellationToken);
            return id + proxy;
        }

        public async Task HotfixAsync(string id, Stream tar, CancellationToken cancellationToken)
        {
            await _docker.Containers.ExtractArchiveToContainerAsync(id, new ContainerPathStatParameters { Path = "/app" }, tar, cancellationToken); // expect: IMM0005
            await _docker.Exec.ExecCreateContainerAsync(id, new ContainerExecCreateParameters { Cmd = new[] { "kill", "-HUP", "1" } }, cancellationToken); // expect: IMM0005
            await _docker.Containers.UpdateContainerAsync(id, new ContainerUpdateParameters { Memory = 512 }, cancellationToken); // expect: IMM0005
        }

        public V1Container Sidecar() => new V1Container("log", "fluent/fluent-bit:3.1.9");
        public V1Container Web() => new V1Container { Name = "web", Image = "ghcr.io/acme/web:latest" }; // expect: IMM0008
        public V1Container Probe(bool canary) => new V1Container("probe", canary ? "acme/probe" : "acme/probe:2.0"); // miss: IMM0008 (a conditional is not followed)
    }
}
