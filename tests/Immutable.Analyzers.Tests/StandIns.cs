namespace Immutable.Analyzers.Tests;

/// <summary>
/// Minimal stand-ins for the third-party APIs the infrastructure rules look for. They declare the same namespaces,
/// type names, member names and parameter names as Docker.DotNet, SSH.NET, Testcontainers, .NET Aspire,
/// KubernetesClient and Microsoft.Extensions.Hosting — the analyzers key on those symbol names only — so the tests
/// need none of those packages.
/// </summary>
internal static class StandIns
{
    public const string DockerDotNet = """
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using Docker.DotNet.Models;

        namespace Docker.DotNet.Models
        {
            public class Config { public string Image { get; set; } }
            public class CreateContainerParameters : Config { }
            public class ContainerUpdateParameters { public long? Memory { get; set; } }
            public class ContainerExecCreateParameters { public string[] Cmd { get; set; } }
            public class ContainerPathStatParameters { public string Path { get; set; } }
            public class ImagesCreateParameters { public string FromImage { get; set; } public string Tag { get; set; } }
        }

        namespace Docker.DotNet
        {
            public interface IContainerOperations
            {
                Task UpdateContainerAsync(string id, ContainerUpdateParameters parameters, CancellationToken cancellationToken = default);
                Task ExtractArchiveToContainerAsync(string id, ContainerPathStatParameters parameters, Stream stream, CancellationToken cancellationToken = default);
                Task<string> CreateContainerAsync(CreateContainerParameters parameters, CancellationToken cancellationToken = default);
                Task<bool> StartContainerAsync(string id, object parameters, CancellationToken cancellationToken = default);
                Task RemoveContainerAsync(string id, object parameters, CancellationToken cancellationToken = default);
            }

            public interface IExecOperations
            {
                Task<string> ExecCreateContainerAsync(string id, ContainerExecCreateParameters parameters, CancellationToken cancellationToken = default);
            }

            public interface IImageOperations
            {
                Task CreateImageAsync(ImagesCreateParameters parameters, object authConfig, IProgress<string> progress, CancellationToken cancellationToken = default);
            }

            public class DockerClient
            {
                public IContainerOperations Containers { get; } = null!;
                public IExecOperations Exec { get; } = null!;
                public IImageOperations Images { get; } = null!;
            }
        }
        """;

    public const string SshNet = """
        using System.Collections.Generic;
        using System.IO;

        namespace Renci.SshNet
        {
            public class SshCommand { public string Execute() => ""; public string Execute(string commandText) => ""; }

            public class ShellStream : Stream
            {
                public void WriteLine(string line) { }
                public void Write(string text) { }
                public string ReadLine() => "";
                public override void Write(byte[] buffer, int offset, int count) { }
                public override int Read(byte[] buffer, int offset, int count) => 0;
                public override void Flush() { }
                public override long Seek(long offset, SeekOrigin origin) => 0;
                public override void SetLength(long value) { }
                public override bool CanRead => true;
                public override bool CanSeek => false;
                public override bool CanWrite => true;
                public override long Length => 0;
                public override long Position { get; set; }
            }

            public class SftpFileStream : Stream
            {
                public override void Write(byte[] buffer, int offset, int count) { }
                public override int Read(byte[] buffer, int offset, int count) => 0;
                public override void Flush() { }
                public override long Seek(long offset, SeekOrigin origin) => 0;
                public override void SetLength(long value) { }
                public override bool CanRead => true;
                public override bool CanSeek => false;
                public override bool CanWrite => true;
                public override long Length => 0;
                public override long Position { get; set; }
            }

            public class SshClient
            {
                public SshClient(string host, string username, string password) { }
                public void Connect() { }
                public SshCommand RunCommand(string commandText) => new SshCommand();
                public SshCommand CreateCommand(string commandText) => new SshCommand();
                public ShellStream CreateShellStream(string terminalName, uint columns, uint rows, uint width, uint height, int bufferSize) => new ShellStream();
            }

            public class ScpClient
            {
                public ScpClient(string host, string username, string password) { }
                public void Upload(Stream source, string path) { }
                public void Download(string filename, Stream destination) { }
            }

            public interface ISftpClient
            {
                void UploadFile(Stream input, string path);
                void DownloadFile(string path, Stream output);
            }

            public class SftpClient : ISftpClient
            {
                public SftpClient(string host, string username, string password) { }
                public void UploadFile(Stream input, string path) { }
                public void DownloadFile(string path, Stream output) { }
                public void WriteAllText(string path, string contents) { }
                public string ReadAllText(string path) => "";
                public void DeleteFile(string path) { }
                public void ChangePermissions(string path, short mode) { }
                public IEnumerable<string> ListDirectory(string path) => new string[0];
                public bool Exists(string path) => false;
                public SftpFileStream Open(string path, FileMode mode) => new SftpFileStream();
                public SftpFileStream Open(string path, FileMode mode, FileAccess access) => new SftpFileStream();
                public SftpFileStream OpenRead(string path) => new SftpFileStream();
            }
        }
        """;

    public const string Testcontainers = """
        namespace DotNet.Testcontainers.Images
        {
            public sealed class DockerImage
            {
                public DockerImage(string image) { FullName = image; }
                public string FullName { get; }
                public string Tag => "";
            }
        }

        namespace DotNet.Testcontainers.Builders
        {
            public sealed class ImageFromDockerfileBuilder
            {
                public ImageFromDockerfileBuilder WithName(string name) => this;
                public ImageFromDockerfileBuilder WithDockerfileDirectory(string directory) => this;
            }

            public sealed class ContainerBuilder
            {
                public ContainerBuilder() { }
                public ContainerBuilder(string image) { }
                public ContainerBuilder WithImage(string image) => this;
                public ContainerBuilder WithName(string name) => this;
                public object Build() => new object();
            }
        }
        """;

    public const string Aspire = """
        namespace Aspire.Hosting
        {
            public interface IDistributedApplicationBuilder { }
            public interface IResourceBuilder<T> { }
            public class ContainerResource { }

            public static class ContainerResourceBuilderExtensions
            {
                public static IResourceBuilder<ContainerResource> AddContainer(this IDistributedApplicationBuilder builder, string name, string image) => null!;
                public static IResourceBuilder<ContainerResource> AddContainer(this IDistributedApplicationBuilder builder, string name, string image, string tag) => null!;
                public static IResourceBuilder<T> WithImage<T>(this IResourceBuilder<T> builder, string image, string? tag = null) => builder;
                public static IResourceBuilder<T> WithImageTag<T>(this IResourceBuilder<T> builder, string tag) => builder;
                public static IResourceBuilder<T> WithImageSHA256<T>(this IResourceBuilder<T> builder, string sha256) => builder;
                public static IResourceBuilder<T> WithDockerfile<T>(this IResourceBuilder<T> builder, string contextPath, string? dockerfilePath = null) => builder;
                public static IResourceBuilder<T> WithDockerfileFactory<T>(this IResourceBuilder<T> builder, string contextPath, System.Func<string> factory) => builder;
                public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value) => builder;
            }
        }
        """;

    public const string Kubernetes = """
        namespace k8s.Models
        {
            public class V1Container
            {
                public V1Container() { }
                public V1Container(string name, string image = null) { Name = name; Image = image; }
                public string Name { get; set; }
                public string Image { get; set; }
            }
        }
        """;

    public const string Hosting = """
        namespace Microsoft.Extensions.Hosting
        {
            public interface IHostEnvironment
            {
                string ContentRootPath { get; set; }
                string EnvironmentName { get; set; }
            }
        }
        """;
}
