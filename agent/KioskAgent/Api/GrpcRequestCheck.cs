using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Grpc.AspNetCore.Server;
using Grpc.Core;

namespace KioskAgent.Api;

/// <summary>
/// Reads the one request message of a unary or server-streaming call before its handler does and
/// answers INVALID_ARGUMENT when it is not a valid message of the method's request type (malformed
/// protobuf, invalid UTF-8 in a string, a truncated frame). Without this the server answers such a
/// body with UNKNOWN "Exception was thrown by handler." and logs a stack trace for every one.
/// Compressed and base64 (grpc-web-text) bodies and streamed requests are left to gRPC itself.
/// </summary>
public sealed partial class GrpcRequestCheck(RequestDelegate next, ILogger<GrpcRequestCheck> logger)
{
    /// <summary>gRPC's default limit for a received message (4 MB).</summary>
    public const int MaxMessageBytes = 4 * 1024 * 1024;

    private static readonly ConcurrentDictionary<IMethod, Func<byte[], object>?> Deserializers = new();

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is not { } grpc
            || grpc.Method.Type is not (MethodType.Unary or MethodType.ServerStreaming)
            || !IsBinaryGrpc(context.Request.ContentType)
            || Deserializers.GetOrAdd(grpc.Method, DeserializerOf) is not { } deserialize)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        context.Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: MaxMessageBytes + 5);
        var problem = await CheckAsync(context.Request, deserialize, context.RequestAborted).ConfigureAwait(false);
        context.Request.Body.Position = 0;
        if (problem is not null)
        {
            LogRefused(grpc.Method.FullName, problem);
            await GrpcRefusal.WriteAsync(context, StatusCode.InvalidArgument, Refusals.RefusalReason.MalformedRequest, $"the request is not a valid message for {grpc.Method.Name}: {problem}", StatusCodes.Status400BadRequest).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private static bool IsBinaryGrpc(string? contentType) =>
        contentType is not null
        && contentType.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase)
        && !contentType.StartsWith("application/grpc-web-text", StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when the body is one well-formed, uncompressed message (or compressed: left to gRPC); the problem otherwise.</summary>
    private static async Task<string?> CheckAsync(HttpRequest request, Func<byte[], object> deserialize, CancellationToken cancellationToken)
    {
        var header = new byte[5];
        if (await ReadFullyAsync(request.Body, header, cancellationToken).ConfigureAwait(false) < header.Length)
        {
            return "no complete message frame";
        }

        if (header[0] != 0)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1));
        if (length > MaxMessageBytes)
        {
            return "the message is too large";
        }

        var message = new byte[length];
        if (await ReadFullyAsync(request.Body, message, cancellationToken).ConfigureAwait(false) < message.Length)
        {
            return "the message is shorter than its frame says";
        }

        try
        {
            deserialize(message);
            return null;
        }
        catch (Google.Protobuf.InvalidProtocolBufferException invalid)
        {
            return invalid.Message;
        }
    }

    private static async Task<int> ReadFullyAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read;
    }

    /// <summary>The protobuf parser of the method's request type (Method&lt;TRequest, TResponse&gt;), or null when it is not a protobuf message.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2065", Justification = "The request types are the generated messages of KioskAgent.Contracts, which the packaged build keeps whole (TrimMode=partial trims only the framework); each has its public static Parser.")]
    private static Func<byte[], object>? DeserializerOf(IMethod method)
    {
        var requestType = method.GetType().IsGenericType ? method.GetType().GetGenericArguments()[0] : null;
        if (requestType?.GetProperty("Parser", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is not Google.Protobuf.MessageParser parser)
        {
            return null;
        }

        return bytes => parser.ParseFrom(bytes);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a malformed request for {Method}: {Problem}")]
    private partial void LogRefused(string method, string problem);
}
