using KioskAgent.Hardware.Camera;
using KioskAgent.Hardware.Camera.Snapshots;
using KioskAgent.Hosting;
using Microsoft.Extensions.Options;

namespace KioskAgent.Camera;

/// <summary>
/// Evidence for other features (a check-in, a redemption): a still saved under the transaction's id
/// (<c>&lt;id&gt;.png</c>, written atomically), pruned by count, age and size after every save
/// (<see cref="CameraSnapshotOptions"/>). Reuses the scanning loop's frame when it is recent. Never
/// throws for a camera or disk problem: the result says why nothing was saved.
/// </summary>
public sealed partial class CheckInSnapshots
{
    private readonly CameraDevice _camera;
    private readonly CameraCounters _counters;
    private readonly TimeProvider _time;
    private readonly ILogger<CheckInSnapshots> _logger;
    private readonly SnapshotStore _store;

    public CheckInSnapshots(CameraDevice camera, CameraCounters counters, IOptions<KioskOptions> kiosk, TimeProvider time, ILogger<CheckInSnapshots> logger)
    {
        (_camera, _counters, _time, _logger) = (camera, counters, time, logger);
        var options = camera.Options.Snapshots;
        var directory = string.IsNullOrWhiteSpace(options.Directory) ? Path.Combine(kiosk.Value.DataDirectory, "snapshots") : options.Directory;
        _store = new SnapshotStore(directory, new SnapshotRetentionPolicy(options.MaxCount, (long)options.MaxMegabytes * 1024 * 1024, TimeSpan.FromDays(options.MaxAgeDays)), time);
    }

    /// <summary>A camera is configured.</summary>
    public bool Available => _camera.Options.Enabled;

    public async Task<SnapshotResult> TakeAsync(string transactionId, CancellationToken cancellationToken)
    {
        if (!Available)
        {
            return SnapshotResult.Failed(CameraReasons.NoCamera);
        }

        try
        {
            var frame = await FrameAsync(cancellationToken).ConfigureAwait(false);
            var path = await _store.SaveAsync(transactionId, frame.Png, cancellationToken).ConfigureAwait(false);
            _counters.Snapshot("saved");
            return SnapshotResult.Ok(path);
        }
        catch (FrameCaptureException ex)
        {
            return Failed(ex.Reason, ex.Message);
        }
        catch (ArgumentException ex)
        {
            return Failed("bad_name", ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failed("write_failed", ex.Message);
        }
    }

    /// <summary>The stored snapshot of a transaction, or null.</summary>
    public string? Find(string transactionId) => _store.Find(transactionId);

    private async Task<CapturedFrame> FrameAsync(CancellationToken cancellationToken)
    {
        var latest = _camera.Latest;
        var reuse = TimeSpan.FromMilliseconds(_camera.Options.Snapshots.ReuseFrameMs);
        return latest is not null && _time.GetUtcNow() - latest.At <= reuse
            ? latest
            : await _camera.CaptureAsync(cancellationToken).ConfigureAwait(false);
    }

    private SnapshotResult Failed(string reason, string detail)
    {
        _counters.Snapshot($"failed.{reason}");
        LogFailed(reason, detail);
        return SnapshotResult.Failed(reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Check-in snapshot not saved: {Reason} ({Detail})")]
    private partial void LogFailed(string reason, string detail);
}
