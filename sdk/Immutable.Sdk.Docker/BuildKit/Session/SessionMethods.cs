using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Grpc.Health.V1;
using Immutable.Sdk.Docker.BuildKit.Wire;

namespace Immutable.Sdk.Docker.BuildKit.Session;

/// <summary>
/// The gRPC methods a build session serves, with BuildKit's service and method names, registered
/// with exact types (no reflection, so NativeAOT compiles them ahead of time). The daemon calls only
/// methods the session announced; <see cref="Exposed"/> is that announcement.
/// </summary>
internal sealed class SessionMethods : IServiceMethodProvider<SessionService>
{
    private static readonly Method<GetSecretRequest, GetSecretResponse> GetSecret = Unary<GetSecretRequest, GetSecretResponse>("moby.buildkit.secrets.v1.Secrets", "GetSecret", GetSecretRequest.Parser, GetSecretResponse.Parser);
    private static readonly Method<CredentialsRequest, CredentialsResponse> Credentials = Unary<CredentialsRequest, CredentialsResponse>("moby.filesync.v1.Auth", "Credentials", CredentialsRequest.Parser, CredentialsResponse.Parser);
    private static readonly Method<CheckAgentRequest, CheckAgentResponse> CheckAgent = Unary<CheckAgentRequest, CheckAgentResponse>("moby.sshforward.v1.SSH", "CheckAgent", CheckAgentRequest.Parser, CheckAgentResponse.Parser);
    private static readonly Method<HealthCheckRequest, HealthCheckResponse> Health = Unary<HealthCheckRequest, HealthCheckResponse>("grpc.health.v1.Health", "Check", HealthCheckRequest.Parser, HealthCheckResponse.Parser);
    internal static readonly Method<BytesMessage, BytesMessage> ForwardAgent = new(
        MethodType.DuplexStreaming, "moby.sshforward.v1.SSH", "ForwardAgent", Marshal(BytesMessage.Parser), Marshal(BytesMessage.Parser));

    /// <summary>The methods as the <c>X-Docker-Expose-Session-Grpc-Method</c> headers name them.</summary>
    public static IReadOnlyList<string> Exposed { get; } = [.. new IMethod[] { GetSecret, Credentials, CheckAgent, ForwardAgent, Health }.Select(m => "/" + m.FullName)];

    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<SessionService> context)
    {
        context.AddUnaryMethod(GetSecret, [], (s, r, c) => s.GetSecret(r, c));
        context.AddUnaryMethod(Credentials, [], (s, r, c) => s.Credentials(r, c));
        context.AddUnaryMethod(CheckAgent, [], (s, r, c) => s.CheckAgent(r, c));
        context.AddDuplexStreamingMethod(ForwardAgent, [], (s, r, w, c) => s.ForwardAgent(r, w, c));
        context.AddUnaryMethod(Health, [], (s, r, c) => s.Check(r, c));
    }

    private static Method<TRequest, TResponse> Unary<TRequest, TResponse>(string service, string name, MessageParser<TRequest> request, MessageParser<TResponse> response)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        new(MethodType.Unary, service, name, Marshal(request), Marshal(response));

    private static Marshaller<T> Marshal<T>(MessageParser<T> parser)
        where T : class, IMessage<T> =>
        Marshallers.Create(message => message.ToByteArray(), parser.ParseFrom);
}

