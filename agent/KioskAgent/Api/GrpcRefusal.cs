namespace KioskAgent.Api;

/// <summary>
/// Answers a gRPC or gRPC-Web request from middleware, before any handler reads it: a trailers-only
/// response (HTTP 200, <c>grpc-status</c> and <c>grpc-message</c> in the headers), which every gRPC
/// client reads as that status. Anything that is not gRPC gets the plain HTTP status.
/// </summary>
public static class GrpcRefusal
{
    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    public static Task WriteAsync(HttpContext context, Grpc.Core.StatusCode status, string message, int httpStatusOtherwise)
    {
        if (!IsGrpc(context.Request))
        {
            context.Response.StatusCode = httpStatusOtherwise;
            return context.Response.WriteAsync(message);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = context.Request.ContentType;
        context.Response.Headers["grpc-status"] = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["grpc-message"] = Uri.EscapeDataString(message);
        return Task.CompletedTask;
    }
}
