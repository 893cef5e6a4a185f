using F = Immutable.Analyzers.Tests.VerifyFix<Immutable.Analyzers.Code.MutableMemberAnalyzer, Immutable.Analyzers.CodeFixes.UseInitWithExpressionCodeFixProvider>;

namespace Immutable.Analyzers.Tests.Code;

/// <summary>set → init where callers change a record after construction: their assignments become 'with' expressions.</summary>
public class InitWithFixTests
{
    [Fact]
    public Task AssignmentsOnLocals_BecomeWithExpressions() => F.CodeFixAsync("""
        using Immutable;

        [Immutable]
        public sealed record Settings
        {
            public string Region { get; {|IMM0001:set|}; } = "eu";
        }

        public static class Loader
        {
            public static Settings Load(bool us)
            {
                var settings = new Settings { Region = "eu-west-1" };
                if (us)
                {
                    settings.Region = "us-east-1";
                }

                return settings;
            }
        }
        """, """
        using Immutable;

        [Immutable]
        public sealed record Settings
        {
            public string Region { get; init; } = "eu";
        }

        public static class Loader
        {
            public static Settings Load(bool us)
            {
                var settings = new Settings { Region = "eu-west-1" };
                if (us)
                {
                    settings = settings with { Region = "us-east-1" };
                }

                return settings;
            }
        }
        """, iterations: 1);

    [Fact]
    public Task SetterUsedByTheTypeItself_GetsNoWithFix() => F.NoFixAsync("""
        using Immutable;

        [Immutable]
        public sealed record Session
        {
            public string Token { get; {|IMM0001:set|}; } = "";
            public void Refresh(string token) => Token = token;
        }
        """);
}
