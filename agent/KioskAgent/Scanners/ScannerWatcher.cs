using KioskAgent.Camera;
using KioskAgent.Devices.Health;
using KioskAgent.Hardware.Devices;
using KioskAgent.Hardware.KeyboardWedge;

namespace KioskAgent.Scanners;

/// <summary>
/// Watches every configured code scanner and hands each scanned line to the QR dispatcher, as the
/// camera does with the codes it decodes: member codes become taps, vouchers go to the voucher desk
/// (journaled with source "scanner"). Refused lines are counted with their reason and logged without
/// their text; a failure never stops a scanner.
/// </summary>
public sealed partial class ScannerWatcher(
    ScannerRegistry scanners,
    QrCodeDispatcher dispatcher,
    ScannerCounters counters,
    DeviceHealthRegistry health,
    TimeProvider time,
    ILogger<ScannerWatcher> logger) : BackgroundService
{
    public const string Kind = "scanner";

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var (options, _) in scanners.Scanners)
        {
            health.Report(options.Id, Kind, options.Kind, DeviceState.Absent, "starting");
        }

        return Task.WhenAll(scanners.Scanners.Select(s => Task.Run(() => WatchAsync(s, stoppingToken), stoppingToken)));
    }

    private async Task WatchAsync(ConfiguredScanner configured, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var scanEvent in configured.Scanner.WatchAsync(stoppingToken).ConfigureAwait(false))
                {
                    await HandleAsync(configured, scanEvent, stoppingToken).ConfigureAwait(false);
                }

                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogScannerLoopFailed(configured.Options.Id, ex);
                health.Report(configured.Options.Id, Kind, configured.Options.Kind, DeviceState.Fault, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task HandleAsync(ConfiguredScanner configured, ScanEvent scanEvent, CancellationToken cancellationToken)
    {
        var (id, kind) = (configured.Options.Id, configured.Options.Kind);
        switch (scanEvent)
        {
            case ScannerStatusChanged status:
                health.Report(id, Kind, kind, status.Available ? DeviceState.Ok : DeviceState.Absent, status.Reason);
                LogStatus(id, status.Available, status.Reason);
                break;
            case CodeScanFailed failed:
                counters.ReadFailure(failed.Reason);
                health.Report(id, Kind, kind, DeviceState.Ok, $"last scan refused: {failed.Reason}");
                LogScanRefused(id, failed.Reason, failed.Detail);
                break;
            case CodeScanned scanned:
                counters.Code(await DispatchAsync(id, scanned, cancellationToken).ConfigureAwait(false));
                health.Report(id, Kind, kind, DeviceState.Ok, "ok");
                break;
        }
    }

    /// <summary>One scan that fails to be handled is counted and logged; the scanner keeps its port open for the next.</summary>
    private async Task<string> DispatchAsync(string id, CodeScanned scanned, CancellationToken cancellationToken)
    {
        try
        {
            return await dispatcher.DispatchAsync(id, VoucherScan.Scanner, scanned.Text, scanned.At, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogDispatchFailed(id, ex.GetType().Name);
            return "dispatch_failed";
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scanner {ScannerId}: a scanned code could not be handled ({Error})")]
    private partial void LogDispatchFailed(string scannerId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scanner {ScannerId} available: {Available} ({Reason})")]
    private partial void LogStatus(string scannerId, bool available, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scanner {ScannerId} line refused: {Reason} ({Detail})")]
    private partial void LogScanRefused(string scannerId, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scanner {ScannerId} loop failed; restarting it")]
    private partial void LogScannerLoopFailed(string scannerId, Exception ex);
}
