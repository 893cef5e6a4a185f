using Immutable.Sdk.Docker.Engine;
using Immutable.Sdk.Docker.Rollouts;
using Immutable.Sdk.Docker.Rollouts.Swarm;
using Xunit.Abstractions;

namespace Immutable.Sdk.Docker.Tests.Swarm;

/// <summary>
/// Generations whose image is only in the registry that requires a login (127.0.0.1:5001): the node must pull it
/// with the credentials sent with the service (X-Registry-Auth). Without them, or with a wrong password, the
/// first rejected task ends the rollout with Swarm's error and what to check, long before the deadline. A tag is
/// resolved to its digest with the same credentials before the service exists.
/// </summary>
public sealed class SwarmRegistryAuthTests(ITestOutputHelper output)
{
    private const string Service = "imm-swarm-auth";
    private const int HostPort = 18321;

    [Fact]
    public async Task A_private_image_is_pulled_with_the_credentials_and_missing_or_wrong_ones_are_a_clear_error()
    {
        SwarmHost.Require();
        SwarmHost.Purge(Service);
        SwarmHost.Purge("immutable-" + Service);
        var tag = "auth-" + Guid.NewGuid().ToString("N")[..12];
        var image = SwarmHost.PushPrivateApp(tag, "private v1");
        var tagged = $"{SwarmHost.AuthRegistry}/immutable-test/swarm-app:{tag}";
        using var engine = DockerEngine.Connect(SwarmHost.Socket);
        using var probe = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
        var rollouts = new RolloutEngine(
            new SwarmRuntime(engine, new SwarmSettings { PublishMode = SwarmPublishMode.Host, BackendMode = SwarmEndpointMode.Dnsrr }, probe, "127.0.0.1", new RegistryClient(probe), output.WriteLine),
            output.WriteLine);
        long generation = 1;
        try
        {
            // A deadline far beyond what the test waits for: the error must come from the rejected task, not from a timeout.
            var spec = Spec(image);
            var missing = await Assert.ThrowsAsync<RolloutException>(() => rollouts.DeployAsync(spec, CancellationToken.None));
            output.WriteLine($"no credentials: {missing.Message}");
            Assert.Equal((RolloutField.Image, "Image could not be pulled"), (missing.Field, missing.Summary));
            Assert.Contains("No such image", missing.Message, StringComparison.Ordinal);
            Assert.Contains("has no credentials for 127.0.0.1:5001", missing.Message, StringComparison.Ordinal);
            AssertNothingLeft();

            var wrong = await Assert.ThrowsAsync<RolloutException>(() => rollouts.DeployAsync(
                spec with { PullCredentials = new RegistryCredentials(SwarmHost.AuthRegistry, "immutable", "wrong-password") }, CancellationToken.None));
            output.WriteLine($"wrong password: {wrong.Message}");
            Assert.Equal(RolloutField.Image, wrong.Field);
            Assert.Contains("sent its credentials for 127.0.0.1:5001 (immutable)", wrong.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("wrong-password", wrong.Message, StringComparison.Ordinal);
            AssertNothingLeft();

            var password = SwarmHost.AuthRegistryPassword();
            var credentials = new RegistryCredentials(SwarmHost.AuthRegistry, "immutable", password);
            var unknown = await Assert.ThrowsAsync<RolloutException>(() => rollouts.DeployAsync(
                spec with { Image = tagged + "-missing", PullCredentials = credentials }, CancellationToken.None));
            Assert.Equal((RolloutField.Image, "Tag not found"), (unknown.Field, unknown.Summary));
            AssertNothingLeft();

            // A tag (allow_unpinned_image) runs as the digest the registry served, so every node pulls the same content.
            var deployed = await rollouts.DeployAsync(spec with { Image = tagged, PullCredentials = credentials }, CancellationToken.None);
            generation = deployed.Generation;
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
            Assert.Equal("private v1", (await http.GetStringAsync(new Uri($"http://127.0.0.1:{HostPort}/"))).Trim());
            var serviceImage = SwarmHost.Run("docker", "service", "inspect", "-f", "{{.Spec.TaskTemplate.ContainerSpec.Image}}", $"{Service}-g{generation}").Output.Trim();
            Assert.Equal($"{tagged}@{image.Split('@')[1]}", serviceImage);

            // The credentials went with the request, never into the service's spec or labels.
            var inspected = SwarmHost.Run("docker", "service", "inspect", $"{Service}-g{generation}").Output;
            Assert.DoesNotContain(password, inspected, StringComparison.Ordinal);
        }
        finally
        {
            try
            {
                await rollouts.RetireAsync(Service, generation, TimeSpan.Zero, 8080, CancellationToken.None);
            }
            finally
            {
                SwarmHost.Purge(Service);
                SwarmHost.Purge("immutable-" + Service);
                SwarmHost.Run("docker", "rmi", image);
            }
        }
    }

    private static void AssertNothingLeft() =>
        Assert.Empty(SwarmHost.Run("docker", "service", "ls", "-q", "--filter", $"label=org.immutable-infra.service={Service}").Output);

    private static RolloutSpec Spec(string image) => new()
    {
        Service = Service,
        Image = image,
        Replicas = 1,
        Port = 8080,
        Endpoint = new EndpointSpec("0.0.0.0", HostPort, SwarmHost.ProxyImage),
        Health = new HealthCheckSpec("/healthz", TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), 3),
        DrainTimeout = TimeSpan.FromSeconds(2),
        Deadline = TimeSpan.FromMinutes(10),
    };
}
