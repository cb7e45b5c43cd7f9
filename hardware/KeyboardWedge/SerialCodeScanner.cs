using System.Threading.Channels;

namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>
/// A code scanner on a serial port (USB-CDC, RS-232): each line is one scanned code, framed and
/// checked exactly like a serial card reader's (<see cref="LineFramer"/>: printable ASCII, at most
/// <see cref="SerialCardReaderOptions.MaxLength"/> characters). Reopens the port when it vanishes.
/// <see cref="SerialCardReaderOptions.Format"/> and <see cref="SerialCardReaderOptions.Technology"/>
/// do not apply: the text is delivered as scanned. WatchAsync never throws.
/// </summary>
public sealed class SerialCodeScanner : ICodeScanner
{
    private readonly SerialCardReaderOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _disposed = new();
    private long _readFailures;

    public SerialCodeScanner(string scannerId, SerialCardReaderOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scannerId);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.Framing == SerialFraming.StxEtx)
        {
            throw new ArgumentException("A code scanner sends lines (Cr, Lf or CrLf), not STX/ETX frames.", nameof(options));
        }

        ScannerId = scannerId;
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public string ScannerId { get; }

    public long ReadFailureCount => Interlocked.Read(ref _readFailures);

    public IAsyncEnumerable<ScanEvent> WatchAsync(CancellationToken cancellationToken) =>
        DedicatedThreadWatch.WatchAsync<ScanEvent>(Run, _disposed.Token, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync().ConfigureAwait(false);
        _disposed.Dispose();
    }

    private void Run(ChannelWriter<ScanEvent> writer, CancellationToken stop) =>
        new ScanEventWriter(ScannerId, writer, _timeProvider)
            .ReadUntilStopped(new SerialTokenSource(_options.PortName, _options.BaudRate, _options.CreateFramer, _timeProvider, CountFailure).ReadPort, _options.ReopenInterval, stop);

    private void CountFailure() => Interlocked.Increment(ref _readFailures);
}
