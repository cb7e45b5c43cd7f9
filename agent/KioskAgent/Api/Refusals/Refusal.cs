using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace KioskAgent.Api.Refusals;

/// <summary>
/// Builds refusals that carry a <c>google.rpc.Status</c> with one <c>google.rpc.ErrorInfo</c>
/// (reason, domain, metadata) in the <c>grpc-status-details-bin</c> trailer, besides the status
/// code and the human text, as gRPC's richer error model describes. Metadata values are bounded and
/// never echo client input: a refusal must not become a way to grow someone's headers.
/// </summary>
public static class Refusal
{
    /// <summary>The <c>ErrorInfo.domain</c> of every refusal of this agent.</summary>
    public const string Domain = "kiosk-agent";

    /// <summary>The trailer gRPC's error model puts the serialized <c>google.rpc.Status</c> in.</summary>
    public const string DetailsTrailer = "grpc-status-details-bin";

    private const int MaxMetadataValue = 200;

    /// <summary>An exception a gRPC handler throws: the status with its ErrorInfo trailer.</summary>
    public static RpcException Create(Grpc.Core.StatusCode code, string reason, string message, IReadOnlyDictionary<string, string>? metadata = null) =>
        new(new Grpc.Core.Status(code, message), new Metadata { { DetailsTrailer, Details(code, reason, message, metadata).ToByteArray() } });

    /// <summary>The serialized <c>google.rpc.Status</c> for a refusal.</summary>
    public static Google.Rpc.Status Details(Grpc.Core.StatusCode code, string reason, string message, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var info = new ErrorInfo { Reason = reason, Domain = Domain };
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            info.Metadata[key] = value.Length <= MaxMetadataValue ? value : value[..MaxMetadataValue] + "…";
        }

        return new Google.Rpc.Status { Code = (int)code, Message = message, Details = { Any.Pack(info) } };
    }

    /// <summary>The reason of a refusal that names none: its status code, e.g. <c>FAILED_PRECONDITION</c>.</summary>
    public static string DefaultReason(Grpc.Core.StatusCode code) => code switch
    {
        Grpc.Core.StatusCode.InvalidArgument => "INVALID_ARGUMENT",
        Grpc.Core.StatusCode.FailedPrecondition => "FAILED_PRECONDITION",
        Grpc.Core.StatusCode.PermissionDenied => "PERMISSION_DENIED",
        Grpc.Core.StatusCode.Unauthenticated => "UNAUTHENTICATED",
        Grpc.Core.StatusCode.Unavailable => "UNAVAILABLE",
        Grpc.Core.StatusCode.NotFound => "NOT_FOUND",
        Grpc.Core.StatusCode.ResourceExhausted => "RESOURCE_EXHAUSTED",
        Grpc.Core.StatusCode.DeadlineExceeded => "DEADLINE_EXCEEDED",
        Grpc.Core.StatusCode.AlreadyExists => "ALREADY_EXISTS",
        Grpc.Core.StatusCode.Aborted => "ABORTED",
        Grpc.Core.StatusCode.OutOfRange => "OUT_OF_RANGE",
        Grpc.Core.StatusCode.Unimplemented => "UNIMPLEMENTED",
        Grpc.Core.StatusCode.Cancelled => "CANCELLED",
        Grpc.Core.StatusCode.DataLoss => "DATA_LOSS",
        Grpc.Core.StatusCode.Internal => "INTERNAL",
        _ => "UNKNOWN",
    };
}
