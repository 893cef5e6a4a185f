using Grpc.Core;

namespace Immutable.Sdk.Tests.Protocol;

/// <summary>
/// The call context of an RPC invoked directly on the service object (no transport), so a test can
/// hold a request open while it sends StopProvider.
/// </summary>
internal sealed class DirectCallContext(CancellationToken cancellation = default) : ServerCallContext
{
    protected override string MethodCore => "direct";

    protected override string HostCore => "localhost";

    protected override string PeerCore => "test";

    protected override DateTime DeadlineCore => DateTime.MaxValue;

    protected override Metadata RequestHeadersCore { get; } = [];

    protected override CancellationToken CancellationTokenCore => cancellation;

    protected override Metadata ResponseTrailersCore { get; } = [];

    protected override Status StatusCore { get; set; }

    protected override WriteOptions? WriteOptionsCore { get; set; }

    protected override AuthContext AuthContextCore => new(null, new Dictionary<string, List<AuthProperty>>());

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
