using V = Immutable.Analyzers.Tests.Verify<Immutable.Analyzers.Infrastructure.RuntimePackageInstallAnalyzer>;

namespace Immutable.Analyzers.Tests.Infrastructure;

/// <summary>IMM0007 on real-code patterns: command position, StartInfo, more managers, values in fields, wrappers.</summary>
public class RuntimePackageInstallPositionTests
{
    [Fact]
    public Task ManagerWordsInArguments_AreNotCommands() => V.AnalyzerAsync("""
        using System.Diagnostics;

        public class Repo
        {
            public void Work()
            {
                Process.Start("git", "commit -m \"docs: explain apt install and pip install\"");
                Process.Start("grep", "-rn \"pip install\" docs");
                Process.Start("sh", "-c \"echo 'run npm install later' > NOTES\"");
                Process.Start("docker", "build --build-arg INSTALL=apt-get .");
                Process.Start("apt-cache", "policy apt");
                Process.Start("npm", "run install-hooks");
                Process.Start("go", "build ./...");
                Process.Start("cargo", "build --release");
                Process.Start("dotnet", "tool install dotnet-ef");
                Process.Start("dotnet", "tool restore");
            }
        }
        """);

    [Fact]
    public Task CommandPositions_AreFound() => V.AnalyzerAsync("""
        using System.Diagnostics;

        public class Provisioner
        {
            public void Provision()
            {
                {|IMM0007:Process.Start("sudo", "-E apt-get -y install nginx")|};
                {|IMM0007:Process.Start("env", "DEBIAN_FRONTEND=noninteractive apt-get install -y tzdata")|};
                {|IMM0007:Process.Start("doas", "apk add curl")|};
                {|IMM0007:Process.Start("bash", "-c \"cd /srv && echo start; pip install -r requirements.txt\"")|};
                {|IMM0007:Process.Start("sh", "-c \"curl -fsSL https://x | sudo apt-get install -y jq\"")|};
                {|IMM0007:Process.Start("powershell", "-NoProfile -Command Install-Module PSReadLine -Force")|};
                {|IMM0007:Process.Start("pwsh", "-c \"Install-Package Newtonsoft.Json\"")|};
                {|IMM0007:Process.Start("dotnet", "tool install -g dotnet-ef")|};
                {|IMM0007:Process.Start("dotnet", "tool update --global dotnet-ef")|};
                {|IMM0007:Process.Start("choco", "upgrade git -y")|};
                {|IMM0007:Process.Start("snap", "install kubectl --classic")|};
                {|IMM0007:Process.Start("cargo", "install ripgrep")|};
                {|IMM0007:Process.Start("go", "install golang.org/x/tools/gopls@latest")|};
                {|IMM0007:Process.Start("yarn", "global add pm2")|};
            }
        }
        """);

    [Fact]
    public Task ProcessStartInfo_OfAProcess_IsFollowed() => V.AnalyzerAsync("""
        using System.Diagnostics;

        public class Installer
        {
            public void Install()
            {
                var p = {|IMM0007:new Process()|};
                p.StartInfo.FileName = "apt-get";
                p.StartInfo.Arguments = "install -y git";
                p.Start();

                using var q = {|IMM0007:new Process { StartInfo = { FileName = "npm", Arguments = "install -g pm2", UseShellExecute = false } }|};
                q.Start();

                var r = {|IMM0007:new Process()|};
                r.StartInfo.FileName = "pip";
                r.StartInfo.ArgumentList.Add("install");
                r.StartInfo.ArgumentList.Add("flask");
                r.Start();

                var harmless = new Process { StartInfo = { FileName = "npm", Arguments = "test" } };
                harmless.Start();
            }
        }
        """);

    [Fact]
    public Task ValuesInFieldsAndLocals_AreConstants() => V.AnalyzerAsync("""
        using System.Diagnostics;

        public class Installer
        {
            private const string AptGet = "apt-get";
            private static readonly string Install = "install -y ";
            private readonly string _manager;
            private readonly string _notConstant;

            public Installer(string other)
            {
                _manager = "pip";
                _notConstant = other;
            }

            public void Run(bool quiet)
            {
                string packages = Install + "curl jq";
                {|IMM0007:Process.Start(AptGet, packages)|};
                {|IMM0007:Process.Start(_manager, "install requests")|};
                Process.Start(_notConstant, "install requests");

                string reassigned = "apt-get";
                if (quiet) { reassigned = "true"; }
                Process.Start(reassigned, "install x");
            }
        }
        """);

    [Fact]
    public Task Wrappers_AreSinksForTheirCallers() => V.AnalyzerAsync("""
        using System.Diagnostics;

        public static class Shell
        {
            public static int Run(string command, string args)
            {
                var psi = new ProcessStartInfo { FileName = command, Arguments = args, UseShellExecute = false };
                using var process = Process.Start(psi)!;
                process.WaitForExit();
                return process.ExitCode;
            }

            public static void Sh(string script) => Process.Start("/bin/sh", "-c \"" + script + "\"");
        }

        public class Setup
        {
            private const string Apt = "apt-get";

            public void Prepare(string package)
            {
                {|#0:Shell.Run(Apt, "install -y " + package)|};
                {|IMM0007:Shell.Sh("apk add --no-cache git")|};
                Shell.Run("git", "clone https://example.com/repo");
                Shell.Run(package, "install");
                Shell.Sh("ls -la");
            }
        }
        """, V.Diagnostic("IMM0007").WithLocation(0).WithArguments("apt-get install", " (through 'Shell.Run')"));
}
