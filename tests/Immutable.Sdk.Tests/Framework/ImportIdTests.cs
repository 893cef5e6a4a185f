using Immutable.Sdk.Framework;

namespace Immutable.Sdk.Tests.Framework;

public sealed class ImportIdTests
{
    private const string Form = "SERVICE or SERVICE/GENERATION";

    [Fact]
    public void Required_and_optional_parts_are_split_on_slashes()
    {
        var bare = ImportId.Parse("web", Form, required: 1, optional: 1);
        Assert.Equal(1, bare.Count);
        Assert.Equal("web", bare[0]);
        Assert.Null(bare.Optional(1));

        var full = ImportId.Parse("web/7", Form, required: 1, optional: 1);
        Assert.Equal(2, full.Count);
        Assert.Equal("7", full.Optional(1));
        Assert.Equal(7, full.Number(1, "GENERATION"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/7")]
    [InlineData("web/")]
    [InlineData("web/7/extra")]
    [InlineData("web//7")]
    [InlineData(" web")]
    public void A_malformed_id_is_a_diagnostic_that_shows_the_expected_form(string id)
    {
        var failure = Assert.Throws<DiagnosticException>(() => ImportId.Parse(id, Form, required: 1, optional: 1));

        Assert.Equal("Invalid import id", failure.Diagnostic.Summary);
        Assert.Contains(Form, failure.Diagnostic.Detail, StringComparison.Ordinal);
        Assert.Contains($"\"{id}\"", failure.Diagnostic.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("web/seven")]
    [InlineData("web/-1")]
    [InlineData("web/1.5")]
    public void A_part_that_must_be_a_number_is_a_diagnostic_naming_it(string id)
    {
        var parsed = ImportId.Parse(id, Form, required: 1, optional: 1);

        var failure = Assert.Throws<DiagnosticException>(() => parsed.Number(1, "GENERATION"));

        Assert.Equal("Invalid import id", failure.Diagnostic.Summary);
        Assert.Contains("GENERATION", failure.Diagnostic.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_required_parts_reject_one()
    {
        Assert.Equal("b", ImportId.Parse("a/b", "A/B", required: 2)[1]);
        Assert.Throws<DiagnosticException>(() => ImportId.Parse("a", "A/B", required: 2));
    }
}
