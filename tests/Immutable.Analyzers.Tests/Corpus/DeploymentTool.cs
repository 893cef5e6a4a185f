// A deployment tool that manages a fleet of VMs over SSH (pattern: ops tooling built on SSH.NET).
using System;
using System.Collections.Generic;
using System.IO;
using Renci.SshNet;

namespace Corpus.Deploy
{
    public sealed class HostSession : IDisposable
    {
        private const string HealthCommand = "curl -fsS http://localhost:8080/health";
        private static readonly string DiskCommand = "df -h /var/lib/app";
        private readonly SshClient _ssh;
        private readonly SftpClient _sftp;

        public HostSession(string host, string user, string password)
        {
            _ssh = new SshClient(host, user, password);
            _sftp = new SftpClient(host, user, password);
            _ssh.Connect();
        }

        // The one place commands are run: callers pass the command text.
        public string Run(string command) => _ssh.RunCommand(command).Execute(); // expect: IMM0006

        public IReadOnlyList<string> Probe()
        {
            var lines = new List<string>
            {
                _ssh.RunCommand("uptime").Execute(),
                _ssh.RunCommand("uname -a").Execute(),
                _ssh.RunCommand(DiskCommand).Execute(),
                _ssh.RunCommand("cat /etc/os-release").Execute(),
                _ssh.RunCommand("ls -la /opt/app").Execute(),
                _ssh.RunCommand("systemctl status app --no-pager").Execute(),
                _ssh.RunCommand("journalctl -u app -n 100 2>&1").Execute(),
                _ssh.RunCommand("ps aux | grep -c dotnet").Execute(),
                _ssh.RunCommand(HealthCommand).Execute(),
                Run("free -m"),
                Run("hostname"),
                Run("docker ps --format '{{.Names}}'"),
            };
            return lines;
        }

        public void Patch(string version)
        {
            Run("sudo apt-get update && sudo apt-get install -y libicu72"); // expect: IMM0006
            Run("sudo systemctl restart app"); // expect: IMM0006
            Run($"echo {version} > /opt/app/VERSION"); // (unknown text: the wrapper itself is reported)
            _ssh.RunCommand("sudo sed -i 's/Workers=4/Workers=8/' /etc/app/app.conf"); // expect: IMM0006
        }

        public void Upload(Stream config, Stream binary)
        {
            _sftp.UploadFile(binary, "/opt/app/app.dll"); // expect: IMM0006
            _sftp.WriteAllText("/etc/app/app.conf", "Workers=8"); // expect: IMM0006
            _sftp.ChangePermissions("/opt/app/run.sh", 493); // expect: IMM0006
            using var stream = _sftp.Open("/etc/app/extra.conf", FileMode.Create, FileAccess.Write); // expect: IMM0006
            config.CopyTo(stream);
        }

        public string Collect(Stream output)
        {
            _sftp.DownloadFile("/var/log/app/app.log", output);
            using var log = _sftp.Open("/var/log/app/app.log", FileMode.Open, FileAccess.Read);
            using var reader = _sftp.OpenRead("/etc/hostname");
            foreach (string entry in _sftp.ListDirectory("/var/log/app"))
            {
                Console.WriteLine(entry);
            }

            return _sftp.Exists("/etc/app/app.conf") ? _sftp.ReadAllText("/etc/app/app.conf") : string.Empty;
        }

        public void Interactive()
        {
            using ShellStream shell = _ssh.CreateShellStream("xterm", 80, 24, 800, 600, 4096);
            shell.WriteLine("whoami");
            shell.WriteLine("sudo apt-get install -y htop"); // expect: IMM0006
            Console.WriteLine(shell.ReadLine());
        }

        public void Dispose()
        {
        }
    }
}
