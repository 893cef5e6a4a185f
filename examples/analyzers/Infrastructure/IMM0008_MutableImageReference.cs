using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using k8s.Models;

namespace Examples.IMM0008;

public static class Before
{
    // warning IMM0008: Image reference 'nginx' has no tag, so it means 'latest'; pin a version tag or an @sha256: digest
    public static CreateContainerParameters Proxy() => new() { Image = "nginx" };

    // warning IMM0008: Image reference 'postgres:latest' uses the 'latest' tag, which moves; ...
    public static ContainerBuilder Database() => new ContainerBuilder("postgres:latest");

    // warning IMM0008: Image reference 'ghcr.io/acme/web' has no tag, ...
    public static V1Container Web() => new() { Name = "web", Image = "ghcr.io/acme/web" };
}

public static class After
{
    public static CreateContainerParameters Proxy() => new() { Image = "nginx:1.27.2" };

    public static ContainerBuilder Database() => new ContainerBuilder("postgres:16.4");

    public static V1Container Web() => new() { Name = "web", Image = "ghcr.io/acme/web:3.1.0@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31" };
}
