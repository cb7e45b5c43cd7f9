using Google.Protobuf;
using Grpc.AspNetCore.Server;
using KioskAgent.Api.Refusals;

namespace KioskAgent.Api;

/// <summary>
/// Answers a gRPC or gRPC-Web request from middleware, before any handler reads it: a trailers-only
/// response (HTTP 200, <c>grpc-status</c>, <c>grpc-message</c> and <c>grpc-status-details-bin</c>
/// with the refusal's <c>google.rpc.ErrorInfo</c> in the headers), which every gRPC client reads as
/// that status. Anything that is not gRPC gets the plain HTTP status.
/// </summary>
public static class GrpcRefusal
{
    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    public static Task WriteAsync(HttpContext context, Grpc.Core.StatusCode status, string reason, string message, int httpStatusOtherwise)
    {
        if (!IsGrpc(context.Request))
        {
            context.Response.StatusCode = httpStatusOtherwise;
            return context.Response.WriteAsync(message);
        }

        // Only the server's own method name goes into the metadata, never the path the client sent.
        var method = context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method.FullName;
        var metadata = method is null ? null : new Dictionary<string, string> { ["method"] = method };
        var details = Refusal.Details(status, reason, message, metadata).ToByteArray();

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = context.Request.ContentType;
        context.Response.Headers["grpc-status"] = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["grpc-message"] = Uri.EscapeDataString(message);

        // Binary headers are base64; the gRPC spec asks senders for the unpadded form.
        context.Response.Headers[Refusal.DetailsTrailer] = Convert.ToBase64String(details).TrimEnd('=');
        return Task.CompletedTask;
    }
}
