using Immutable.Sdk.Docker.BuildContext;
using Immutable.Sdk.Docker.Images;
using Immutable.Sdk.Docker.BuildKit;
using Immutable.Sdk.Docker.Engine;
using Immutable.Sdk.Docker.Tests.BuildContext;

namespace Immutable.Sdk.Docker.Tests.BuildKit;

/// <summary>
/// Identical inputs give an identical image id on an engine; one changed byte gives another. The
/// creation label comes from <see cref="SourceDate"/>, so only the inputs decide.
/// </summary>
public sealed class ReproducibleBuildTests : IDisposable
{
    private readonly TempTree _tree = new();
    private readonly string _tag = "immutable-bk-test/repro:" + Guid.NewGuid().ToString("N")[..12];
    private readonly BuildKitBuilder _builder = new(TestEngine.Endpoint);

    public ReproducibleBuildTests() => CiDocker.Require();

    [Fact]
    public async Task The_same_inputs_give_the_same_image_id_and_a_changed_byte_another()
    {
        var context = TestEngine.Context(_tree.Dir("ctx"), "FROM scratch\nBUSYBOX\nCOPY app.txt /app.txt\nRUN wc -c /app.txt > /size\n");
        File.WriteAllText(Path.Combine(context, "app.txt"), "version one\n");

        var first = await BuildAsync(context);
        var again = await BuildAsync(context);
        File.WriteAllText(Path.Combine(context, "app.txt"), "version onE\n");
        var changed = await BuildAsync(context);

        Assert.Equal(first, again);
        Assert.NotEqual(first, changed);
    }

    public void Dispose()
    {
        TestEngine.RemoveImages(_tag);
        _builder.Dispose();
        _tree.Dispose();
    }

    private async Task<string> BuildAsync(string context)
    {
        var inputs = new BuildInputs { ContextDirectory = context };
        var created = SourceDate.Of(inputs).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        return await _builder.BuildAsync(await TestEngine.TarAsync(context), new BuildRequest
        {
            Dockerfile = "Dockerfile",
            Tags = [_tag],
            Labels = new Dictionary<string, string> { ["org.opencontainers.image.created"] = created },
        }, null, new CapturingLogger(), CancellationToken.None);
    }
}
