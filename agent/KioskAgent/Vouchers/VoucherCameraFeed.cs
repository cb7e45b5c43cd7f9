using KioskAgent.Camera;
using KioskAgent.Staff;

namespace KioskAgent.Vouchers;

/// <summary>
/// Voucher QRs from the camera or a code scanner go to the desk while it is on screen and staff are logged in: the
/// feed subscribes to <see cref="VoucherScans"/> when the desk opens and lets go once the desk has
/// left the screen (closed, timed out, or replaced), so a voucher shown to the camera at any other
/// time reaches nobody and the member is told to ask staff, as before.
/// </summary>
public sealed partial class VoucherCameraFeed(VoucherScans scans, VoucherDesk desk, IStaffSessions staff, TimeProvider time, ILogger<VoucherCameraFeed> logger) : IDisposable
{
    private static readonly TimeSpan WatchEvery = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private CancellationTokenSource? _running;

    public void Start()
    {
        CancellationTokenSource cts;
        lock (_gate)
        {
            if (_running is { IsCancellationRequested: false })
            {
                return;
            }

            _running?.Dispose();
            _running = cts = new CancellationTokenSource();
        }

        _ = Task.Run(() => FeedAsync(cts.Token), CancellationToken.None);
        _ = Task.Run(() => WatchAsync(cts), CancellationToken.None);
    }

    public void Stop()
    {
        lock (_gate)
        {
            _running?.Cancel();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _running?.Cancel();
            _running?.Dispose();
            _running = null;
        }
    }

    private async Task FeedAsync(CancellationToken token)
    {
        try
        {
            await foreach (var scan in scans.SubscribeAsync(token).ConfigureAwait(false))
            {
                if (staff.Current is not { } who || !desk.OnScreen)
                {
                    break;
                }

                await desk.LookupAsync(who, scan.Code, scan.Via, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The desk closed.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A camera voucher must never take the agent down; staff can still type the code.
            LogFeedFailed(ex.GetType().Name);
        }
    }

    private async Task WatchAsync(CancellationTokenSource cts)
    {
        try
        {
            while (desk.OnScreen && staff.Current is not null)
            {
                await Task.Delay(WatchEvery, time, cts.Token).ConfigureAwait(false);
            }

            await cts.CancelAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        catch (ObjectDisposedException)
        {
            // Disposed at shutdown.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The voucher camera feed stopped: {Error}")]
    private partial void LogFeedFailed(string error);
}
