using Immutable.Sdk.Hosting;

namespace Immutable.Sdk.Tests.Hosting;

public sealed class HandshakeLineTests
{
    [Fact]
    public void Formats_the_go_plugin_fields_in_order()
    {
        var line = new HandshakeLine(1, 6, "unix", "/tmp/plugin1/plugin.sock", "grpc", "MIIB");
        Assert.Equal("1|6|unix|/tmp/plugin1/plugin.sock|grpc|MIIB", line.ToString());
    }

    [Fact]
    public void Leaves_the_certificate_field_empty_without_tls()
    {
        var line = new HandshakeLine(1, 6, "tcp", "127.0.0.1:10000", "grpc", null);
        Assert.Equal("1|6|tcp|127.0.0.1:10000|grpc|", line.ToString());
    }

    [Fact]
    public void Parses_what_it_formats()
    {
        var line = HandshakeLine.Parse("1|6|unix|/tmp/p/plugin.sock|grpc|QUJD\n");
        Assert.Equal(new HandshakeLine(1, 6, "unix", "/tmp/p/plugin.sock", "grpc", "QUJD"), line);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("x|6|unix|/a|grpc")]
    public void Rejects_lines_that_are_not_handshakes(string text)
    {
        Assert.Throws<FormatException>(() => HandshakeLine.Parse(text));
    }
}
