using Immutable.Sdk.Docker.Images;
using Immutable.Sdk.Docker.References;

namespace Immutable.Sdk.Docker.Tests.Images;

/// <summary>The names the image engine gives: a content tag from the context digest, and the pinned reference a rollout consumes.</summary>
public sealed class ImageNamingTests
{
    private const string ContextDigest = "sha256:89abcdef0123456789abcdef0123456789abcdef0123456789abcdef01234567";
    private const string RepoDigest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public void The_content_tag_is_the_first_16_hex_digits_of_the_context_digest() =>
        Assert.Equal("ctx-89abcdef01234567", ContentTag.Of(ContextDigest));

    [Fact]
    public void A_pushed_image_is_pinned_by_repository_and_registry_digest_as_the_name_was_written()
    {
        var repository = ImageReference.ParseRepository("127.0.0.1:5000/shop/api");

        Assert.Equal("127.0.0.1:5000/shop/api@" + RepoDigest, ImageResult.PinnedReference(repository, RepoDigest, "sha256:local"));
        Assert.Equal("sha256:local", ImageResult.PinnedReference(repository, null, "sha256:local"));
    }

    [Fact]
    public void A_record_without_a_context_digest_has_no_content_tag()
    {
        var repository = ImageReference.ParseRepository("shop/api");

        Assert.Null(new ImageRecord { Repository = repository }.Tagged);
        Assert.Equal("shop/api:ctx-89abcdef01234567", new ImageRecord { Repository = repository, ContextDigest = ContextDigest }.Tagged!.ToString());
    }
}
