using Immutable.Sdk.Docker.References;

namespace Immutable.Sdk.Docker.Tests.References;

/// <summary>References parse as Docker parses them (distribution/reference), including Docker Hub's normalisation.</summary>
public sealed class ImageReferenceTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("nginx", "docker.io", "library/nginx", null, null, "nginx", "docker.io/library/nginx")]
    [InlineData("nginx:1.27-alpine", "docker.io", "library/nginx", "1.27-alpine", null, "nginx", "docker.io/library/nginx:1.27-alpine")]
    [InlineData("shop/api", "docker.io", "shop/api", null, null, "shop/api", "docker.io/shop/api")]
    [InlineData("docker.io/nginx", "docker.io", "library/nginx", null, null, "nginx", "docker.io/library/nginx")]
    [InlineData("index.docker.io/library/nginx", "docker.io", "library/nginx", null, null, "nginx", "docker.io/library/nginx")]
    [InlineData("127.0.0.1:5000/shop/api", "127.0.0.1:5000", "shop/api", null, null, "127.0.0.1:5000/shop/api", "127.0.0.1:5000/shop/api")]
    [InlineData("localhost/app:v1", "localhost", "app", "v1", null, "localhost/app", "localhost/app:v1")]
    [InlineData("ghcr.io/org/team/app", "ghcr.io", "org/team/app", null, null, "ghcr.io/org/team/app", "ghcr.io/org/team/app")]
    [InlineData("MyRegistry/app", "MyRegistry", "app", null, null, "MyRegistry/app", "MyRegistry/app")]
    [InlineData("[::1]:5000/app", "[::1]:5000", "app", null, null, "[::1]:5000/app", "[::1]:5000/app")]
    [InlineData("localhost:5000", "docker.io", "library/localhost", "5000", null, "localhost", "docker.io/library/localhost:5000")]
    [InlineData("a__b-c---e/f_g.h", "docker.io", "a__b-c---e/f_g.h", null, null, "a__b-c---e/f_g.h", "docker.io/a__b-c---e/f_g.h")]
    public void Parses_domain_path_and_tag_like_docker(string text, string domain, string path, string? tag, string? digest, string familiar, string canonical)
    {
        var reference = ImageReference.Parse(text);

        Assert.Equal(domain, reference.Domain);
        Assert.Equal(path, reference.Path);
        Assert.Equal(tag, reference.Tag);
        Assert.Equal(digest, reference.Digest);
        Assert.Equal(familiar, reference.FamiliarName);
        Assert.Equal(canonical, reference.Canonical);
        Assert.Equal(text, reference.ToString());
    }

    [Fact]
    public void A_digest_follows_the_at_sign_with_or_without_a_tag()
    {
        var pinned = ImageReference.Parse("127.0.0.1:5000/app@" + Digest);
        var both = ImageReference.Parse("nginx:1.27@" + Digest);

        Assert.Equal(("127.0.0.1:5000", "app", (string?)null, (string?)Digest), (pinned.Domain, pinned.Path, pinned.Tag, pinned.Digest));
        Assert.Equal(("1.27", (string?)Digest), (both.Tag, both.Digest));
        Assert.Equal("docker.io/library/nginx:1.27@" + Digest, both.Canonical);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Nginx")]
    [InlineData("shop/API")]
    [InlineData("-app")]
    [InlineData("app-")]
    [InlineData("shop//api")]
    [InlineData("shop/api/")]
    [InlineData("app:")]
    [InlineData("app:-tag")]
    [InlineData("app@sha256:short")]
    [InlineData("app@" + "notadigest")]
    [InlineData("-bad.host/app")]
    [InlineData("app with space")]
    public void Rejects_what_docker_rejects(string text)
    {
        Assert.False(ImageReference.TryParse(text, out _));
        var error = Assert.Throws<ImageReferenceException>(() => ImageReference.Parse(text));
        Assert.Equal(ImageReferenceProblem.Malformed, error.Problem);
    }

    [Theory]
    [InlineData("shop/api@" + Digest, ImageReferenceProblem.HasDigest)]
    [InlineData("Bad Name@whatever", ImageReferenceProblem.HasDigest)]
    [InlineData("shop/api:latest", ImageReferenceProblem.HasTag)]
    [InlineData("127.0.0.1:5000/api:v1", ImageReferenceProblem.HasTag)]
    [InlineData("Shop/Api:v1", ImageReferenceProblem.HasTag)]
    [InlineData("shop/API", ImageReferenceProblem.Malformed)]
    public void A_repository_refuses_a_digest_before_a_tag_before_a_bad_name(string text, ImageReferenceProblem problem)
    {
        var error = Assert.Throws<ImageReferenceException>(() => ImageReference.ParseRepository(text));

        Assert.Equal(problem, error.Problem);
    }

    [Theory]
    [InlineData("127.0.0.1:5000/shop/api")]
    [InlineData("localhost:5000/app")]
    [InlineData("nginx")]
    public void A_repository_has_neither_tag_nor_digest(string text)
    {
        var repository = ImageReference.ParseRepository(text);

        Assert.Null(repository.Tag);
        Assert.Null(repository.Digest);
        Assert.Equal(text, repository.ToString());
    }

    [Fact]
    public void Tag_and_digest_are_added_to_the_name_as_written()
    {
        var repository = ImageReference.ParseRepository("docker.io/library/nginx");

        Assert.Equal("docker.io/library/nginx:ctx-1", repository.WithTag("ctx-1").ToString());
        Assert.Equal("docker.io/library/nginx@" + Digest, repository.WithDigest(Digest).ToString());
        Assert.Equal("docker.io/library/nginx:ctx-1@" + Digest, repository.WithTag("ctx-1").WithDigest(Digest).ToString());
        Assert.Equal("docker.io/library/nginx", repository.WithTag("ctx-1").WithDigest(Digest).WithoutTagOrDigest().ToString());
        Assert.Throws<ImageReferenceException>(() => repository.WithDigest("sha256:xyz"));
        Assert.Throws<ImageReferenceException>(() => repository.WithTag(".hidden"));
    }

    [Fact]
    public void The_same_repository_is_recognised_however_it_is_written()
    {
        var familiar = ImageReference.Parse("nginx@" + Digest);

        Assert.True(familiar.SameRepository(ImageReference.Parse("docker.io/library/nginx:1.27")));
        Assert.True(familiar.SameRepository(ImageReference.Parse("index.docker.io/library/nginx")));
        Assert.False(familiar.SameRepository(ImageReference.Parse("127.0.0.1:5000/nginx")));
    }

    [Theory]
    [InlineData(Digest, true, true)]
    [InlineData("sha256:0123abc", true, false)]
    [InlineData("app@" + Digest, false, true)]
    [InlineData("127.0.0.1:5000/app:v1@" + Digest, false, true)]
    [InlineData("app:v1", false, false)]
    [InlineData("app@sha512:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", false, false)]
    [InlineData("sha256:0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF", false, false)]
    [InlineData("sha256:", false, false)]
    public void Image_ids_and_pinned_references(string text, bool isImageId, bool isPinned)
    {
        Assert.Equal(isImageId, ImageReference.IsImageId(text));
        Assert.Equal(isPinned, ImageReference.IsPinned(text));
    }
}
