using Immutable.Sdk.Hosting;

namespace Immutable.Sdk.Tests.Hosting;

public sealed class ProtocolNegotiationTests
{
    [Theory]
    [InlineData("5,6")]
    [InlineData("6")]
    [InlineData(" 6 , 5 ")]
    [InlineData(null)]
    public void Serves_version_6_when_offered_or_not_negotiated(string? offered)
    {
        Assert.Equal((6, (string?)null), ProtocolNegotiation.Negotiate(offered));
    }

    [Theory]
    [InlineData("5")]
    [InlineData("4,5")]
    [InlineData("seven")]
    public void Refuses_clients_without_version_6_with_a_message(string offered)
    {
        var (version, error) = ProtocolNegotiation.Negotiate(offered);
        Assert.Null(version);
        Assert.Contains("protocol 6", error, StringComparison.Ordinal);
        Assert.Contains(offered, error, StringComparison.Ordinal);
    }
}
