using System.Threading.Channels;

namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>
/// What the evdev and serial code scanners share: the id, the count of refused lines, and the
/// watch loop on a dedicated thread that reads the device until stopped and reopens it when it
/// vanishes. A subclass says only how one device session is read (<see cref="ReadOnce"/>).
/// </summary>
public abstract class LineCodeScanner : ICodeScanner
{
    private readonly CancellationTokenSource _disposed = new();
    private long _readFailures;

    protected LineCodeScanner(string scannerId, TimeProvider? timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scannerId);
        ScannerId = scannerId;
        TimeProvider = timeProvider ?? TimeProvider.System;
    }

    public string ScannerId { get; }

    public long ReadFailureCount => Interlocked.Read(ref _readFailures);

    protected TimeProvider TimeProvider { get; }

    /// <summary>How long to wait before opening the device again after it vanished.</summary>
    protected abstract TimeSpan ReopenInterval { get; }

    public IAsyncEnumerable<ScanEvent> WatchAsync(CancellationToken cancellationToken) =>
        DedicatedThreadWatch.WatchAsync<ScanEvent>(Run, _disposed.Token, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync().ConfigureAwait(false);
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Reads one session of the device into the writer; returns why it ended.</summary>
    private protected abstract string ReadOnce(WedgeWriter writer, CancellationToken stop);

    /// <summary>Counts a refused line (for <see cref="ReadFailureCount"/>).</summary>
    protected void CountFailure() => Interlocked.Increment(ref _readFailures);

    private void Run(ChannelWriter<ScanEvent> writer, CancellationToken stop) =>
        new ScanEventWriter(ScannerId, writer, TimeProvider).ReadUntilStopped(ReadOnce, ReopenInterval, stop);
}
