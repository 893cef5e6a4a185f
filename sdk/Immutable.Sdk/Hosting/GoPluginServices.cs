using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Immutable.Sdk.Plugin.GoPlugin;
using Microsoft.Extensions.Hosting;

namespace Immutable.Sdk.Hosting;

/// <summary>
/// go-plugin's <c>plugin.GRPCController</c>: the client asks the plugin to exit when it is done
/// with it. We answer first, then stop, so the client sees a clean response.
/// </summary>
public sealed class GrpcControllerService(IHostApplicationLifetime lifetime, PluginRunMode mode) : GRPCController.GRPCControllerBase
{
    /// <inheritdoc />
    public override Task<Empty> Shutdown(Empty request, ServerCallContext context)
    {
        // A debug-mode provider belongs to the developer, not to one Terraform run.
        if (!mode.IsDebug)
        {
            context.GetHttpContext().Response.OnCompleted(() =>
            {
                lifetime.StopApplication();
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
public sealed class GrpcStdioService(IHostApplicationLifetime lifetime) : GRPCStdio.GRPCStdioBase
{
    /// <inheritdoc />
    public override async Task StreamStdio(Empty request, IServerStreamWriter<StdioData> responseStream, ServerCallContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
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
public sealed class GrpcBrokerService(IHostApplicationLifetime lifetime) : GRPCBroker.GRPCBrokerBase
{
    /// <inheritdoc />
    public override async Task StartStream(IAsyncStreamReader<ConnInfo> requestStream, IServerStreamWriter<ConnInfo> responseStream, ServerCallContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
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
public sealed record PluginRunMode(bool IsDebug);
