using Grpc.Core;
using KioskAgent.Contracts.V1;
using KioskAgent.Devices;
using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Api;

/// <summary>Taps cards on simulated readers. Mapped only when at least one reader is simulated.</summary>
public sealed partial class DeviceSimulatorGrpcService(CardReaderRegistry readers, ILogger<DeviceSimulatorGrpcService> logger) : DeviceSimulator.DeviceSimulatorBase
{
    private static readonly TimeSpan DefaultHold = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan MaxHold = TimeSpan.FromSeconds(60);

    public override Task<TapCardResponse> TapCard(TapCardRequest request, ServerCallContext context)
    {
        if (!CardUid.TryParse(request.CardUid, out var uid))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "card_uid must be 1 to 16 bytes of hex, e.g. 04A1B2C3D4E5F6."));
        }

        var hold = request.HoldMs == 0 ? DefaultHold : TimeSpan.FromMilliseconds(request.HoldMs);
        if (hold > MaxHold)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"hold_ms must be at most {MaxHold.TotalMilliseconds:0}."));
        }

        var reader = readers.FindSimulated(request.ReaderId)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"No simulated card reader '{request.ReaderId}'."));

        // The card rests on the reader for the hold time; the call returns as soon as it is presented.
        _ = reader.TapAsync(uid, hold).ContinueWith(t => LogTapFailed(t.Exception!), TaskContinuationOptions.OnlyOnFaulted);
        return Task.FromResult(new TapCardResponse { ReaderId = reader.ReaderId, CardUid = uid.Hex });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated tap failed")]
    private partial void LogTapFailed(Exception ex);
}
