using Immutable.Sdk.Framework;

namespace Immutable.Sdk.Tests.Framework;

public sealed class DeadlineTests
{
    [Fact]
    public async Task A_passed_deadline_cancels_the_operation_and_says_it_passed()
    {
        using var stop = new CancellationTokenSource();
        using var deadline = Deadline.Start(TimeSpan.FromMilliseconds(1), stop.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.Delay(Timeout.Infinite, deadline.Token));

        Assert.True(deadline.HasPassed);
        Assert.Equal(TimeSpan.FromMilliseconds(1), deadline.Timeout);
    }

    [Fact]
    public void Terraform_stopping_the_provider_cancels_the_operation_but_is_not_a_timeout()
    {
        using var stop = new CancellationTokenSource();
        using var deadline = Deadline.Start(TimeSpan.FromHours(1), stop.Token);
        Assert.False(deadline.Token.IsCancellationRequested);

        stop.Cancel();

        Assert.True(deadline.Token.IsCancellationRequested);
        Assert.False(deadline.HasPassed);
    }

    [Fact]
    public void A_deadline_that_has_not_passed_leaves_the_operation_running()
    {
        using var deadline = Deadline.Start(TimeSpan.FromHours(1), CancellationToken.None);

        Assert.False(deadline.Token.IsCancellationRequested);
        Assert.False(deadline.HasPassed);
    }
}
