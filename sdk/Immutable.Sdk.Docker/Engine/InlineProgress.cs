namespace Immutable.Sdk.Docker.Engine;

/// <summary>
/// An <see cref="IProgress{T}"/> that runs its handler on the reporting thread. The BCL's
/// <see cref="Progress{T}"/> posts to the thread pool, so messages could arrive after the call
/// returned or out of order — fatal when the last message carries the build error.
/// </summary>
internal sealed class InlineProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
