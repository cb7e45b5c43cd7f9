using KioskAgent.Hardware.Camera;
using KioskAgent.Hardware.Camera.Qr;
using KioskAgent.Hardware.Devices;
using KioskAgent.Screen;
using KioskAgent.Taps;

namespace KioskAgent.Camera;

/// <summary>
/// The camera's one job: take frames within the budget (max fps, max CPU share), skip decoding while
/// a tap is being handled or when nothing moved, debounce the codes in view, and dispatch the new
/// ones. A failed capture shows in health and is retried after a pause; nothing stops the loop.
/// </summary>
public sealed partial class QrScanLoop(
    CameraDevice camera,
    QrFrameReader reader,
    QrDebouncer debouncer,
    ScanBudget budget,
    QrCodeDispatcher dispatcher,
    TapPipeline pipeline,
    CameraHealthReporter health,
    CameraCounters counters,
    ScreenBroadcaster screen,
    TimeProvider time,
    ILogger<QrScanLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (camera.Source is null)
        {
            return;
        }

        screen.SetQrAccepted(true);
        health.Starting();
        LogStarted(camera.Options.Id, camera.Source.Description, camera.Options.MaxFramesPerSecond, camera.Options.MaxCpuPercent);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var started = time.GetTimestamp();
                var cost = await ScanOnceAsync(stoppingToken).ConfigureAwait(false);
                var wait = cost is { } c
                    ? budget.NextDelay(time.GetElapsedTime(started), c)
                    : TimeSpan.FromMilliseconds(camera.Options.RetryDelayMs);
                await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogLoopFailed(camera.Options.Id, ex);
                await Task.Delay(TimeSpan.FromMilliseconds(camera.Options.RetryDelayMs), time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One frame; the decoding cost, or null when the camera failed and the loop should pause.</summary>
    private async Task<TimeSpan?> ScanOnceAsync(CancellationToken cancellationToken)
    {
        if (pipeline.IsBusy)
        {
            counters.Frame("busy");
            return TimeSpan.Zero;
        }

        CapturedFrame frame;
        try
        {
            frame = await camera.CaptureAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (FrameCaptureException ex)
        {
            counters.Frame("capture_failed");
            counters.CaptureFailed(ex.Reason);
            health.Failed(ex.ToHealth());
            return null;
        }

        if (Read(frame) is not { } scan)
        {
            return null;
        }

        counters.Frame(scan.Decoded ? "decoded" : "unchanged");
        counters.DecodeCost(scan.Cost);
        health.Ok(camera.Source!.Description);
        foreach (var code in debouncer.Seen(scan.Codes, frame.At))
        {
            counters.Code(await dispatcher.DispatchAsync(camera.Options.Id, VoucherScan.Camera, code, frame.At, cancellationToken).ConfigureAwait(false));
        }

        return scan.Cost;
    }

    private QrFrameScan? Read(CapturedFrame frame)
    {
        try
        {
            return reader.Read(frame);
        }
        catch (InvalidDataException ex)
        {
            counters.Frame("unreadable");
            health.Failed(new DeviceHealth(DeviceState.Fault, CameraReasons.UnreadableImage, ex.Message));
            return null;
        }
        catch (QrDecoderUnavailableException ex)
        {
            health.Failed(new DeviceHealth(DeviceState.Absent, CameraReasons.DecoderMissing, ex.Message));
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {CameraId} ({Source}) scans for member QR codes: at most {Fps} frames/s, {CpuPercent}% of a core")]
    private partial void LogStarted(string cameraId, string source, int fps, int cpuPercent);

    [LoggerMessage(Level = LogLevel.Error, Message = "Camera {CameraId} scanning failed; going on after a pause")]
    private partial void LogLoopFailed(string cameraId, Exception ex);
}
