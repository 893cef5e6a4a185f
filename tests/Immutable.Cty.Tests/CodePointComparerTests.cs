using System.Text;

namespace Immutable.Cty.Tests;

/// <summary>The one string order of the SDK (cty keys, build-context paths) is UTF-8 byte order, as Go's sort.Strings.</summary>
public sealed class CodePointComparerTests
{
    [Theory]
    [InlineData("a", "b")]
    [InlineData("a", "ab")]
    [InlineData("", "a")]
    [InlineData("shared/prefix/x", "shared/prefix/y")]
    [InlineData("\uFFFD", "\U0001F600")] // U+FFFD sorts before an astral character by code point, after it by UTF-16 unit
    [InlineData("\uE000", "\U00010000")]
    [InlineData("\uD7FF", "\uE000")]
    public void Orders_as_utf8_bytes(string smaller, string larger)
    {
        Assert.True(CodePointComparer.Instance.Compare(smaller, larger) < 0);
        Assert.True(CodePointComparer.Instance.Compare(larger, smaller) > 0);
        Assert.Equal(0, CodePointComparer.Instance.Compare(smaller, new string(smaller.AsSpan())));
    }

    [Fact]
    public void Agrees_with_byte_order_on_random_strings()
    {
        var random = new Random(20261205);
        string Next()
        {
            var builder = new StringBuilder();
            for (var i = random.Next(0, 6); i > 0; i--)
            {
                var codePoint = random.Next(4) switch
                {
                    0 => random.Next(0x20, 0x80),
                    1 => random.Next(0x80, 0xD800),
                    2 => random.Next(0xE000, 0x10000),
                    _ => random.Next(0x10000, 0x110000),
                };
                builder.Append(char.ConvertFromUtf32(codePoint));
            }

            return builder.ToString();
        }

        for (var i = 0; i < 5000; i++)
        {
            var (x, y) = (Next(), Next());
            var bytes = Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y));
            Assert.Equal(Math.Sign(bytes), Math.Sign(CodePointComparer.Instance.Compare(x, y)));
        }
    }
}
