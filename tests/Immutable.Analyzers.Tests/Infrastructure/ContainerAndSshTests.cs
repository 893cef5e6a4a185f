using Docker = Immutable.Analyzers.Tests.Verify<Immutable.Analyzers.Infrastructure.ContainerPatchedInPlaceAnalyzer>;
using Ssh = Immutable.Analyzers.Tests.Verify<Immutable.Analyzers.Infrastructure.HostPatchedOverSshAnalyzer>;

namespace Immutable.Analyzers.Tests.Infrastructure;

public class ContainerPatchedInPlaceTests
{
    private static readonly string[] DockerApi = { StandIns.DockerDotNet };

    [Fact]
    public Task UpdateExecAndCopy_AreReported() => Docker.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;
        using Docker.DotNet;
        using Docker.DotNet.Models;

        public class Patcher
        {
            public async Task Patch(DockerClient client, string id, Stream tar)
            {
                await {|IMM0005:client.Containers.UpdateContainerAsync(id, new ContainerUpdateParameters { Memory = 1024 })|};
                await {|IMM0005:client.Exec.ExecCreateContainerAsync(id, new ContainerExecCreateParameters { Cmd = new[] { "apt-get", "upgrade" } })|};
                await {|IMM0005:client.Containers.ExtractArchiveToContainerAsync(id, new ContainerPathStatParameters { Path = "/app" }, tar)|};
            }
        }
        """, true, DockerApi, null);

    [Fact]
    public Task ReplacingContainers_IsFine() => Docker.AnalyzerAsync("""
        using System.Threading.Tasks;
        using Docker.DotNet;
        using Docker.DotNet.Models;

        public class Deployer
        {
            public async Task Replace(DockerClient client, string oldId)
            {
                string id = await client.Containers.CreateContainerAsync(new CreateContainerParameters { Image = "app:1.4.2" });
                await client.Containers.StartContainerAsync(id, null);
                await client.Containers.RemoveContainerAsync(oldId, null);
            }
        }
        """, true, DockerApi, null);

    [Fact]
    public Task SameMethodNames_OutsideDockerDotNet_AreFine() => Docker.AnalyzerAsync("""
        using System.Threading.Tasks;

        namespace Mine
        {
            public interface IContainerOperations { Task UpdateContainerAsync(string id); }

            public class Uses
            {
                public Task Run(IContainerOperations ops) => ops.UpdateContainerAsync("x");
            }
        }
        """, true, DockerApi, null);

    [Fact]
    public Task NotActive_WhenDockerDotNetIsNotReferenced() => Docker.AnalyzerAsync("""
        namespace Docker.Other
        {
            public class ContainerOperations { public void UpdateContainerAsync() { } }
            public class Uses { public void Run(ContainerOperations c) => c.UpdateContainerAsync(); }
        }
        """);
}

public class HostPatchedOverSshTests
{
    private static readonly string[] SshApi = { StandIns.SshNet };

    [Fact]
    public Task CommandsUploadsAndChanges_AreReported() => Ssh.AnalyzerAsync("""
        using System.IO;
        using Renci.SshNet;

        public class Patcher
        {
            public void Patch(Stream file)
            {
                var ssh = new SshClient("host", "root", "pw");
                ssh.Connect();
                {|IMM0006:ssh.RunCommand("systemctl restart app")|};
                {|IMM0006:ssh.CreateCommand("sed -i s/a/b/ /etc/app.conf")|}.Execute();

                var scp = new ScpClient("host", "root", "pw");
                {|IMM0006:scp.Upload(file, "/opt/app/app.dll")|};

                var sftp = new SftpClient("host", "root", "pw");
                {|IMM0006:sftp.UploadFile(file, "/opt/app/app.dll")|};
                {|IMM0006:sftp.WriteAllText("/etc/app.conf", "x=1")|};
                {|IMM0006:sftp.DeleteFile("/opt/app/old.dll")|};
                {|IMM0006:sftp.ChangePermissions("/opt/app/run.sh", 755)|};

                ISftpClient client = sftp;
                {|IMM0006:client.UploadFile(file, "/tmp/x")|};
            }
        }
        """, true, SshApi, null);

    [Fact]
    public Task Reading_IsFine() => Ssh.AnalyzerAsync("""
        using System.IO;
        using Renci.SshNet;

        public class Collector
        {
            public string Collect(Stream output)
            {
                var scp = new ScpClient("host", "ops", "pw");
                scp.Download("/var/log/app.log", output);
                var sftp = new SftpClient("host", "ops", "pw");
                sftp.DownloadFile("/var/log/app.log", output);
                foreach (string entry in sftp.ListDirectory("/var/log")) { }
                return sftp.Exists("/x") ? sftp.ReadAllText("/etc/hostname") : "";
            }
        }
        """, true, SshApi, null);
}
