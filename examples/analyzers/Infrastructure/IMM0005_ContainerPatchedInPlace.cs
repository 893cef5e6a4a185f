using System.Threading.Tasks;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Examples.IMM0005;

public static class Before
{
    // warning IMM0005: 'UpdateContainerAsync' changes a running container in place; build a new image and replace the container instead
    public static Task RaiseMemory(DockerClient docker, string id) =>
        docker.Containers.UpdateContainerAsync(id, new ContainerUpdateParameters { Memory = 2_000_000_000 });
}

public static class After
{
    // Replace the container with one created from a new (pinned) image and configuration.
    public static async Task Replace(DockerClient docker, string oldId)
    {
        CreateContainerResponse created = await docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = "ghcr.io/acme/api:2.4.1",
            HostConfig = new HostConfig { Memory = 2_000_000_000 },
        });
        await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        await docker.Containers.RemoveContainerAsync(oldId, new ContainerRemoveParameters { Force = true });
    }
}
