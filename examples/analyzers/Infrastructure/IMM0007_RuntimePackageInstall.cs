using System.Diagnostics;

namespace Examples.IMM0007;

public static class Before
{
    // warning IMM0007: Starting 'apt-get update' installs or changes packages at run time; install dependencies when building the image instead
    public static void EnsureCurl() => Process.Start("sh", "-c \"apt-get update && apt-get install -y curl\"")?.WaitForExit();
}

public static class After
{
    // Dependencies are installed in the Dockerfile (RUN apt-get install -y curl); at run time the app only uses them.
    public static void Download(string url) => Process.Start("curl", ["-fsSLO", url])?.WaitForExit();
}
