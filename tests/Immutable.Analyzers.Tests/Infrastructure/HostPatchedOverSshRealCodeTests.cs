using Ssh = Immutable.Analyzers.Tests.Verify<Immutable.Analyzers.Infrastructure.HostPatchedOverSshAnalyzer>;

namespace Immutable.Analyzers.Tests.Infrastructure;

/// <summary>IMM0006 on real-code patterns: read-only commands, shell streams, SFTP writes, SSH.NET itself, wrappers.</summary>
public class HostPatchedOverSshRealCodeTests
{
    private static readonly string[] SshApi = { StandIns.SshNet };

    [Fact]
    public Task ReadOnlyCommands_AreNotReported() => Ssh.AnalyzerAsync("""
        using Renci.SshNet;

        public class Probe
        {
            private const string Disk = "df -h /";

            public void Check(SshClient ssh, string unit)
            {
                ssh.RunCommand("ls -la /opt/app");
                ssh.RunCommand("echo ok");
                ssh.RunCommand("cat /etc/os-release");
                ssh.RunCommand("uptime");
                ssh.RunCommand(Disk);
                ssh.RunCommand("sudo systemctl status nginx --no-pager");
                ssh.RunCommand("ps aux | grep dotnet | wc -l");
                ssh.RunCommand("journalctl -u app -n 50 2>&1");
                ssh.CreateCommand("docker ps --format '{{.Names}}'").Execute();
                {|IMM0006:ssh.RunCommand("echo 'x=1' > /etc/app.conf")|};
                {|IMM0006:ssh.RunCommand("cat /tmp/a && rm -rf /opt/app/cache")|};
                {|IMM0006:ssh.RunCommand("systemctl restart nginx")|};
                {|IMM0006:ssh.RunCommand("ls " + unit)|};
                {|IMM0006:ssh.RunCommand($"systemctl status {unit}")|};
            }
        }
        """, true, SshApi, null);

    [Fact]
    public Task ReadOnlyList_IsConfigurable() => Ssh.AnalyzerAsync("""
        using Renci.SshNet;

        public class Probe
        {
            public void Check(SshClient ssh)
            {
                {|IMM0006:ssh.RunCommand("ls -la")|};
                ssh.RunCommand("mytool --report");
            }
        }
        """, true, SshApi, "immutable.IMM0006.read_only_commands = mytool, cat");

    [Fact]
    public Task ShellStreamAndSftpWrites_AreReported() => Ssh.AnalyzerAsync("""
        using System.IO;
        using Renci.SshNet;

        public class Patcher
        {
            public void Patch(SshClient ssh, SftpClient sftp, byte[] bytes)
            {
                using ShellStream shell = ssh.CreateShellStream("xterm", 80, 24, 800, 600, 1024);
                {|IMM0006:shell.WriteLine("sudo apt-get install -y nginx")|};
                {|IMM0006:shell.Write(bytes, 0, bytes.Length)|};
                shell.WriteLine("uptime");
                shell.ReadLine();

                using var w = {|IMM0006:sftp.Open("/etc/app.conf", FileMode.Create, FileAccess.Write)|};
                using var a = {|IMM0006:sftp.Open("/var/app.log", FileMode.Append)|};
                using var r = sftp.Open("/etc/hostname", FileMode.Open, FileAccess.Read);
                using var o = sftp.OpenRead("/etc/hostname");
                {|IMM0006:ssh.CreateCommand("true").Execute("sed -i s/a/b/ /etc/x")|};
            }
        }
        """, true, SshApi, null);

    [Fact]
    public Task CallsInsideSshNet_AreNotReported() => Ssh.AnalyzerAsync("""
        namespace Renci.SshNet.Extensions
        {
            public static class Helpers
            {
                public static void Reboot(Renci.SshNet.SshClient client) => client.RunCommand("reboot");
            }
        }
        """, true, SshApi, null);

    [Fact]
    public Task Wrappers_ReportTheirMutatingCallers() => Ssh.AnalyzerAsync("""
        using Renci.SshNet;

        public class Remote
        {
            private readonly SshClient _ssh = new SshClient("h", "u", "p");

            public string Exec(string command) => {|#0:_ssh.RunCommand(command)|}.Execute();

            public void Deploy()
            {
                Exec("uptime");
                Exec("ls /opt");
                {|#1:Exec("sudo apt-get install -y nginx")|};
            }
        }
        """, true, SshApi, null,
        Ssh.Diagnostic("IMM0006").WithLocation(0).WithArguments("SshClient.RunCommand", ""),
        Ssh.Diagnostic("IMM0006").WithLocation(1).WithArguments("SshClient.RunCommand", " (through 'Remote.Exec')"));
}
