using KioskAgent.Devices;
using KioskAgent.Devices.Health;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.CardReaders.Simulated;
using KioskAgent.Hardware.Devices;
using KioskAgent.Watchdog;
using Microsoft.Extensions.Options;

namespace KioskAgent.Taps;

/// <summary>Watches every configured reader at once and feeds its events to the tap pipeline; a failure never stops a reader.</summary>
public sealed partial class ReaderWatcher(
    CardReaderRegistry readers,
    TapPipeline pipeline,
    DeviceHealthRegistry health,
    LoopMonitor loops,
    IOptions<WatchdogOptions> watchdog,
    TimeProvider time,
    ILogger<ReaderWatcher> logger) : BackgroundService
{
    // Readers wait for cards for hours; what must not hang is the handling of one tap.
    private readonly LoopMonitor.Loop _taps = loops.OnDemand("tap_pipeline", TimeSpan.FromSeconds(watchdog.Value.TapMaxSeconds));

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var (options, reader) in readers.Readers)
        {
            // Simulated readers are always there; real ones report themselves through ReaderStatusChanged.
            var simulated = reader is SimulatedCardReader;
            health.Report(options.Id, "card_reader", options.Kind, simulated ? DeviceState.Ok : DeviceState.Absent, simulated ? "simulated" : "starting");
        }

        return Task.WhenAll(readers.Readers.Select(r => Task.Run(() => WatchAsync(r.Options, r.Reader, stoppingToken), stoppingToken)));
    }

    private async Task WatchAsync(CardReaderOptions options, ICardReader reader, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var cardEvent in reader.WatchAsync(stoppingToken).ConfigureAwait(false))
                {
                    using (_taps.Working())
                    {
                        await pipeline.HandleAsync(options, cardEvent, stoppingToken).ConfigureAwait(false);
                    }
                }

                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogReaderLoopFailed(reader.ReaderId, ex);
                health.Report(reader.ReaderId, "card_reader", options.Kind, DeviceState.Fault, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Reader {ReaderId} loop failed; restarting it")]
    private partial void LogReaderLoopFailed(string readerId, Exception ex);
}
