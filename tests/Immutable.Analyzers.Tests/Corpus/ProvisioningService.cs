// A build/provisioning helper that shells out a lot (pattern: CI helpers, dev tools, self-updating agents).
using System;
using System.Diagnostics;
using System.IO;

namespace Corpus.Provisioning
{
    public static class ProcessRunner
    {
        public static int Run(string fileName, string arguments, string? workingDirectory = null)
        {
            var info = new ProcessStartInfo
            {
                FileName = fileName,
                Arguments = arguments,
                WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            using Process process = Process.Start(info)!;
            process.WaitForExit();
            return process.ExitCode;
        }

        public static int Bash(string script) => Run("/bin/bash", "-c \"" + script + "\"");
    }

    public sealed class BuildAgent
    {
        private const string Npm = "npm";
        private static readonly string Pip = "pip3";
        private readonly string _repository;

        public BuildAgent(string repository) => _repository = repository;

        public void Build(string commitMessage)
        {
            ProcessRunner.Run("git", "fetch --all", _repository);
            ProcessRunner.Run("git", "commit -m \"docs: explain why we no longer apt install at startup\"", _repository);
            ProcessRunner.Run("git", $"commit -m \"{commitMessage}\"", _repository);
            ProcessRunner.Run("grep", "-rn \"pip install\" docs", _repository);
            ProcessRunner.Run(Npm, "ci", _repository); // expect: IMM0007
            ProcessRunner.Run(Npm, "run build", _repository);
            ProcessRunner.Run(Npm, "test", _repository);
            ProcessRunner.Run("dotnet", "build -c Release", _repository);
            ProcessRunner.Run("dotnet", "tool restore", _repository);
            ProcessRunner.Run("docker", "build -t app:1.0 .", _repository);
            ProcessRunner.Bash("echo building; ls -la");
        }

        public void Bootstrap()
        {
            ProcessRunner.Run("apt-get", "install -y --no-install-recommends jq"); // expect: IMM0007
            ProcessRunner.Run(Pip, "install --user requests==2.32.3"); // expect: IMM0007
            ProcessRunner.Run("dotnet", "tool install -g dotnet-ef"); // expect: IMM0007
            ProcessRunner.Bash("curl -fsSL https://deb.nodesource.com/setup_20.x | sudo -E bash - && sudo apt-get install -y nodejs"); // miss: IMM0007 (a wrapper of a wrapper: two levels)
            Process.Start("powershell", "-NoProfile -Command Install-Module Az -Scope CurrentUser -Force"); // expect: IMM0007

            var p = new Process(); // expect: IMM0007
            p.StartInfo.FileName = "choco";
            p.StartInfo.Arguments = "upgrade git -y";
            p.Start();

            using var q = new Process { StartInfo = { FileName = "cargo", Arguments = "install ripgrep" } }; // expect: IMM0007
            q.Start();
        }

        public void Inspect()
        {
            Process.Start("apt", "list --installed");
            Process.Start("pip", "freeze");
            Process.Start("npm", "ls --depth=0");
            Process.Start(new ProcessStartInfo("go", "version"));
            Process.Start("sh", "-c \"echo 'run npm install after cloning' > HINT.txt\"");
            Process.Start("winget", "list");
            string tool = Environment.GetEnvironmentVariable("TOOL") ?? "true";
            Process.Start(tool, "install");
        }
    }
}
