using V = Immutable.Analyzers.Tests.Verify<Immutable.Analyzers.Infrastructure.RuntimePackageInstallAnalyzer>;

namespace Immutable.Analyzers.Tests.Infrastructure;

public class RuntimePackageInstallTests
{
    [Fact]
    public Task ProcessStart_WithPackageManager_IsReported() => V.AnalyzerAsync("""
        using System.Diagnostics;

        public class Installer
        {
            public void Install(string package)
            {
                {|#0:Process.Start("apt-get", "install -y curl")|};
                {|IMM0007:Process.Start("/usr/bin/pip3", $"install {package}")|};
                {|IMM0007:Process.Start("npm", new[] { "install", "-g", package })|};
                {|IMM0007:Process.Start("winget", "install Git.Git")|};
                {|IMM0007:Process.Start("choco.exe", "upgrade all -y")|};
                {|IMM0007:Process.Start("apk", "add --no-cache bash")|};
                {|IMM0007:Process.Start("gem", "install " + package)|};
                {|IMM0007:Process.Start("dnf", ["-y", "update"])|};
            }
        }
        """, V.Diagnostic("IMM0007").WithLocation(0).WithArguments("apt-get install", ""));

    [Fact]
    public Task ThroughShell_IsReported() => V.AnalyzerAsync("""
        using System.Diagnostics;

        public class Installer
        {
            public void Install()
            {
                {|IMM0007:Process.Start("sh", "-c \"apt-get update && apt-get install -y jq\"")|};
                {|IMM0007:Process.Start("/bin/bash", "-lc 'sudo yum install -y git'")|};
                {|IMM0007:Process.Start("cmd.exe", "/c choco install nodejs")|};
                {|IMM0007:Process.Start("python3", "-m pip install requests")|};
            }
        }
        """);

    [Fact]
    public Task ProcessStartInfo_InitializerAndAssignments_AreReported() => V.AnalyzerAsync("""
        using System.Diagnostics;

        public class Installer
        {
            public void Install()
            {
                var a = {|IMM0007:new ProcessStartInfo { FileName = "apt", Arguments = "install -y nginx" }|};
                var b = {|IMM0007:new ProcessStartInfo("yum", "install -y nginx")|};
                var c = {|IMM0007:new ProcessStartInfo { FileName = "pip", ArgumentList = { "install", "flask" } }|};

                var d = {|IMM0007:new ProcessStartInfo()|};
                d.FileName = "sh";
                d.ArgumentList.Add("-c");
                d.ArgumentList.Add("npm install -g pm2");
                Process.Start(d);
            }
        }
        """);

    [Fact]
    public Task HarmlessCommands_AreFine() => V.AnalyzerAsync("""
        using System.Diagnostics;

        public class Tools
        {
            public void Run(string file, string args)
            {
                Process.Start("git", "add .");
                Process.Start("npm", "run build");
                Process.Start("pip", "list");
                Process.Start("apt", "list --installed");
                Process.Start("sh", "-c \"echo done; ls -la\"");
                Process.Start(file, args);
                Process.Start(new ProcessStartInfo { FileName = "dotnet", Arguments = "--info" });
                Process.Start("myapp", "--install-dir /opt");
            }
        }
        """);

    [Fact]
    public Task ExtraPackageManagers_FromEditorConfig() => V.AnalyzerAsync("""
        using System.Diagnostics;

        public class Installer
        {
            public void Install() => {|IMM0007:Process.Start("mypkg", "install thing")|};
        }
        """, attributes: false, standIns: Array.Empty<string>(), editorConfig: "immutable.IMM0007.package_managers = mypkg");
}

public class RuntimePackageInstallMoreTests
{
    [Fact]
    public Task ArgumentsAssignedLater_AndUnknownArguments() => Verify<Immutable.Analyzers.Infrastructure.RuntimePackageInstallAnalyzer>.AnalyzerAsync("""
        using System.Diagnostics;

        public class Installer
        {
            public void Install(string args)
            {
                var psi = {|IMM0007:new ProcessStartInfo("apt-get")|};
                psi.Arguments = "install -y htop";
                Process.Start(psi);

                var unknown = new ProcessStartInfo("apt-get");
                unknown.Arguments = args;
                Process.Start(unknown);
            }
        }
        """);
}
