using Renci.SshNet;

namespace Examples.IMM0006;

public static class Before
{
    // warning IMM0006: 'SshClient.RunCommand' changes a running host over SSH; bake the change into a new machine image and replace the host instead
    public static void Patch(SshClient ssh) => ssh.RunCommand("sed -i 's/workers=2/workers=4/' /etc/app.conf && systemctl restart app");
}

public static class After
{
    // Reading from a host (logs, diagnostics) is fine; configuration changes go into the machine image build,
    // and the host is replaced by one started from the new image.
    public static string ReadConfig(SftpClient sftp) => sftp.ReadAllText("/etc/app.conf");

    // Read-only commands (immutable.IMM0006.read_only_commands) are not reported.
    public static string Uptime(SshClient ssh) => ssh.RunCommand("uptime && df -h /").Result;
}
