using System.Threading.Channels;

namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>
/// A keyboard-wedge code scanner read from its Linux event node, grabbed so its keystrokes never
/// reach the kiosk UI: each line typed + Enter is one scanned code, tokenized exactly like a wedge
/// card reader's (<see cref="KeystrokeTokenizer"/>). <see cref="EvdevCardReaderOptions.Format"/> and
/// <see cref="EvdevCardReaderOptions.Technology"/> do not apply. WatchAsync never throws.
/// </summary>
public sealed class EvdevCodeScanner : ICodeScanner
{
    private readonly EvdevCardReaderOptions _options;
    private readonly Func<string, Stream> _openDevice;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _disposed = new();
    private long _readFailures;

    /// <param name="openDevice">Opens the event source (default: the real device); tests pass recorded event streams.</param>
    public EvdevCodeScanner(string scannerId, EvdevCardReaderOptions options, TimeProvider? timeProvider = null, Func<string, Stream>? openDevice = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scannerId);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ScannerId = scannerId;
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _openDevice = openDevice ?? (path => EvdevStream.Open(path, options.Grab));
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
            .ReadUntilStopped(new EvdevTokenSource(_openDevice, _options.DevicePath, _options.EventSize, () => new KeystrokeTokenizer(_options.MaxLength, _options.InterKeyTimeout), CountFailure).ReadDevice, _options.ReopenInterval, stop);

    private void CountFailure() => Interlocked.Increment(ref _readFailures);
}
