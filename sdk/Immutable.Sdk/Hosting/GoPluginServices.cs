using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Immutable.Sdk.Plugin.GoPlugin;

namespace Immutable.Sdk.Hosting;

/// <summary>
/// go-plugin's <c>plugin.GRPCController</c>: the client asks the plugin to exit when it is done
/// with it. We answer first, then stop, so the client sees a clean response.
/// </summary>
internal sealed class GrpcControllerService(PluginLifetime lifetime, PluginRunMode mode) : GRPCController.GRPCControllerBase
{
    public override Task<Empty> Shutdown(Empty request, ServerCallContext context)
    {
        // A debug-mode provider belongs to the developer, not to one Terraform run.
        if (!mode.IsDebug)
        {
            context.GetHttpContext().Response.OnCompleted(() =>
            {
                lifetime.Stop();
                return Task.CompletedTask;
            });
        }

        return Task.FromResult(new Empty());
    }
}

/// <summary>
/// go-plugin's <c>plugin.GRPCStdio</c>. The client opens this stream to receive the plugin's
/// stdout/stderr; our logs already go to stderr, which the client reads directly, so the stream
/// stays open and quiet until either side ends it.
/// </summary>
internal sealed class GrpcStdioService(PluginLifetime lifetime) : GRPCStdio.GRPCStdioBase
{
    public override async Task StreamStdio(Empty request, IServerStreamWriter<StdioData> responseStream, ServerCallContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.Stopping);
        try
        {
            await Task.Delay(Timeout.Infinite, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client went away or we are shutting down: either way the stream ends normally.
        }
    }
}

/// <summary>
/// go-plugin's <c>plugin.GRPCBroker</c>. Terraform providers never open brokered connections, but
/// the client starts the stream anyway; we keep it open and answer nothing.
/// </summary>
internal sealed class GrpcBrokerService(PluginLifetime lifetime) : GRPCBroker.GRPCBrokerBase
{
    public override async Task StartStream(IAsyncStreamReader<ConnInfo> requestStream, IServerStreamWriter<ConnInfo> responseStream, ServerCallContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.Stopping);
        try
        {
            while (await requestStream.MoveNext(linked.Token).ConfigureAwait(false))
            {
                // Brokered sub-connections are not part of the Terraform provider protocol.
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}

/// <summary>Whether the plugin runs under Terraform's control or in debug (reattach) mode.</summary>
internal sealed record PluginRunMode(bool IsDebug);
