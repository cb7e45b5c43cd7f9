using Grpc.Core;
using Grpc.Core.Interceptors;

namespace KioskAgent.Api.Technicians;

/// <summary>
/// Lets a call into a <see cref="RequiresTechnicianAttribute"/> service or method through only
/// with valid technician credentials in the <c>authorization</c> metadata.
/// </summary>
public sealed class TechnicianAuthInterceptor(TechnicianAuthenticator authenticator) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Demand(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Demand(context);
        return continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Demand(context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Demand(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Demand(ServerCallContext context)
    {
        var endpoint = context.GetHttpContext().GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<RequiresTechnicianAttribute>() is null)
        {
            return;
        }

        var result = authenticator.Authenticate(context.RequestHeaders.GetValue("authorization"), context.Method);
        if (!result.Succeeded)
        {
            // One status for every refusal (a locked-out user included): the answer must not tell
            // which user names exist or are locked.
            throw new RpcException(new Status(StatusCode.Unauthenticated, result.Message));
        }
    }
}
