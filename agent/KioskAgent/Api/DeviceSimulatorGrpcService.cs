using Grpc.Core;
using KioskAgent.Contracts.V1;
using KioskAgent.Devices;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Scanners;
using KioskAgent.Screen;

namespace KioskAgent.Api;

/// <summary>Taps cards on simulated readers and scans codes on simulated scanners. Mapped only when at least one reader or scanner is simulated.</summary>
public sealed partial class DeviceSimulatorGrpcService(CardReaderRegistry readers, ScannerRegistry scanners, ScreenBroadcaster screen, ILogger<DeviceSimulatorGrpcService> logger) : DeviceSimulator.DeviceSimulatorBase
{
    private static readonly TimeSpan DefaultHold = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan MaxHold = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);
    private const int MaxReaderIdLength = 64;

    public override async Task<TapCardResponse> TapCard(TapCardRequest request, ServerCallContext context)
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
            ?? throw new RpcException(request.ReaderId.Length <= MaxReaderIdLength
                ? new Status(StatusCode.NotFound, $"No simulated card reader '{request.ReaderId}'.")
                : new Status(StatusCode.InvalidArgument, $"reader_id must be at most {MaxReaderIdLength} characters."));
        var response = new TapCardResponse { ReaderId = reader.ReaderId, CardUid = uid.Hex };
        if (!request.WaitForAnswer)
        {
            Tap(reader, uid, hold);
            return response;
        }

        response.Answer = await TapAndWatchAsync(reader, uid, hold, context.CancellationToken).ConfigureAwait(false);
        return response;
    }

    public override Task<ScanCodeResponse> ScanCode(ScanCodeRequest request, ServerCallContext context)
    {
        var scanner = scanners.FindSimulated(request.ScannerId)
            ?? throw new RpcException(request.ScannerId.Length <= MaxReaderIdLength
                ? new Status(StatusCode.NotFound, $"No simulated scanner '{request.ScannerId}'.")
                : new Status(StatusCode.InvalidArgument, $"scanner_id must be at most {MaxReaderIdLength} characters."));
        return Task.FromResult(new ScanCodeResponse { ScannerId = scanner.ScannerId, RefusedReason = scanner.Scan(request.Code) ?? "" });
    }

    /// <summary>The earlier tap's member screen changed in place (live figures from central), not this tap's answer.</summary>
    private static bool IsUpdateOf(Contracts.V1.Screen before, Contracts.V1.Screen shown) =>
        before.ViewCase == Contracts.V1.Screen.ViewOneofCase.Member
        && shown.ViewCase == Contracts.V1.Screen.ViewOneofCase.Member
        && shown.Member.TransactionId == before.Member.TransactionId;

    /// <summary>Watches the screen from before the tap, so the answer cannot slip past.</summary>
    private async Task<Contracts.V1.Screen> TapAndWatchAsync(Hardware.CardReaders.Simulated.SimulatedCardReader reader, CardUid uid, TimeSpan hold, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AnswerTimeout);
        var watch = screen.WatchAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
        await using (watch.ConfigureAwait(false))
        {
            try
            {
                await watch.MoveNextAsync().ConfigureAwait(false);
                var before = watch.Current;
                Tap(reader, uid, hold);
                while (await watch.MoveNextAsync().ConfigureAwait(false))
                {
                    var shown = watch.Current;
                    if (shown.Sequence > before.Sequence && shown.ViewCase is Contracts.V1.Screen.ViewOneofCase.Member or Contracts.V1.Screen.ViewOneofCase.Refusal
                        && !IsUpdateOf(before, shown))
                    {
                        return shown;
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Fall through to the timeout answer.
            }
        }

        throw new RpcException(new Status(StatusCode.DeadlineExceeded, "The kiosk showed no answer to the tap (debounced, or another tap answered first)."));
    }

    private void Tap(Hardware.CardReaders.Simulated.SimulatedCardReader reader, CardUid uid, TimeSpan hold) =>
        // The card rests on the reader for the hold time; the tap is answered as soon as it is presented.
        _ = reader.TapAsync(uid, hold).ContinueWith(t => LogTapFailed(t.Exception!), TaskContinuationOptions.OnlyOnFaulted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated tap failed")]
    private partial void LogTapFailed(Exception ex);
}
