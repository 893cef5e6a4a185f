namespace Immutable.Cty.Tests;

internal static class Hex
{
    public static byte[] Bytes(string hex) => Convert.FromHexString(hex);

    public static string Of(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
