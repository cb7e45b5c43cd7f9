using Grpc.Core;
using Grpc.Core.Interceptors;

namespace KioskAgent.Api.Refusals;

/// <summary>
/// Gives every refusal a handler throws an ErrorInfo: a refusal made with <see cref="Refusal.Create"/>
/// passes as it is; any other <see cref="RpcException"/> gets the name of its status code as reason
/// and the method as metadata. One place, so no method of any service answers with the human text
/// alone. (Refusals made before a handler, in middleware, go through <see cref="GrpcRefusal"/>.)
/// </summary>
public sealed class RefusalDetailsInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (RpcException ex) when (NeedsDetails(ex))
        {
            throw WithDetails(ex, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context).ConfigureAwait(false);
        }
        catch (RpcException ex) when (NeedsDetails(ex))
        {
            throw WithDetails(ex, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
        }
        catch (RpcException ex) when (NeedsDetails(ex))
        {
            throw WithDetails(ex, context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context).ConfigureAwait(false);
        }
        catch (RpcException ex) when (NeedsDetails(ex))
        {
            throw WithDetails(ex, context);
        }
    }

    private static bool NeedsDetails(RpcException ex) =>
        ex.StatusCode != StatusCode.OK && ex.StatusCode != StatusCode.Cancelled && ex.Trailers.Get(Refusal.DetailsTrailer) is null;

    private static RpcException WithDetails(RpcException ex, ServerCallContext context) =>
        Refusal.Create(ex.StatusCode, Refusal.DefaultReason(ex.StatusCode), ex.Status.Detail, new Dictionary<string, string> { ["method"] = context.Method });
}
