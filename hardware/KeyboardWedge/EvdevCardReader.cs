using System.Threading.Channels;
using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>
/// A keyboard-wedge ID-card or barcode reader read straight from its Linux event node, grabbed
/// exclusively so its keystrokes never reach the kiosk UI. Key codes are mapped without any
/// keymap; each token typed + Enter becomes CardPresented immediately followed by CardRemoved.
/// When the device goes away (unplugged: ENODEV) the reader reports itself unavailable and opens
/// the path again every <see cref="EvdevCardReaderOptions.ReopenInterval"/>. WatchAsync never throws.
/// </summary>
public sealed class EvdevCardReader : ICardReader
{
    private readonly EvdevCardReaderOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Func<string, Stream> _openDevice;
    private readonly CancellationTokenSource _disposed = new();
    private long _readFailures;

    /// <param name="openDevice">
    /// Opens the event source for a path; by default the real device (non-blocking, grabbed when
    /// <see cref="EvdevCardReaderOptions.Grab"/>). Tests pass recorded event streams. Throwing means
    /// "not there (yet)"; a stream that ends means the device went away.
    /// </param>
    public EvdevCardReader(string readerId, EvdevCardReaderOptions options, TimeProvider? timeProvider = null, Func<string, Stream>? openDevice = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(readerId);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ReaderId = readerId;
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _openDevice = openDevice ?? (path => EvdevStream.Open(path, options.Grab));
    }

    public string ReaderId { get; }

    /// <summary>Tokens refused (garbage, too long, incomplete) since start.</summary>
    public long ReadFailureCount => Interlocked.Read(ref _readFailures);

    public IAsyncEnumerable<CardEvent> WatchAsync(CancellationToken cancellationToken) =>
        DedicatedThreadWatch.WatchAsync<CardEvent>(Run, _disposed.Token, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync().ConfigureAwait(false);
        _disposed.Dispose();
    }

    private void Run(ChannelWriter<CardEvent> writer, CancellationToken stop) =>
        new WedgeEventWriter(ReaderId, writer, _timeProvider, _options.Format, _options.Technology)
            .ReadUntilStopped(new EvdevTokenSource(_openDevice, _options.DevicePath, _options.EventSize, () => new KeystrokeTokenizer(_options.MaxLength, _options.InterKeyTimeout), CountFailure).ReadDevice, _options.ReopenInterval, stop);

    private void CountFailure() => Interlocked.Increment(ref _readFailures);
}
