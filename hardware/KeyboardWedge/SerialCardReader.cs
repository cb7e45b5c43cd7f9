using System.Threading.Channels;
using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>
/// A serial ID-card or barcode reader: line-terminated tokens or STX/ETX frames with an XOR
/// checksum, each becoming CardPresented immediately followed by CardRemoved. When the port
/// vanishes (USB adapter pulled) the reader reports itself unavailable and opens it again every
/// <see cref="SerialCardReaderOptions.ReopenInterval"/>. WatchAsync never throws.
/// </summary>
public sealed class SerialCardReader : ICardReader
{
    private readonly SerialCardReaderOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _disposed = new();
    private long _readFailures;

    public SerialCardReader(string readerId, SerialCardReaderOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(readerId);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ReaderId = readerId;
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public string ReaderId { get; }

    /// <summary>Tokens refused (bad checksum, garbage, too long, incomplete) since start.</summary>
    public long ReadFailureCount => Interlocked.Read(ref _readFailures);

    public IAsyncEnumerable<CardEvent> WatchAsync(CancellationToken cancellationToken) =>
        DedicatedThreadWatch.WatchAsync<CardEvent>(Run, _disposed.Token, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync().ConfigureAwait(false);
        _disposed.Dispose();
    }

    private void Run(ChannelWriter<CardEvent> writer, CancellationToken stop) =>
        new WedgeEventWriter(ReaderId, writer, _timeProvider, _options.EffectiveFormat, _options.Technology)
            .ReadUntilStopped(new SerialTokenSource(_options.PortName, _options.BaudRate, _options.CreateFramer, _timeProvider, CountFailure).ReadPort, _options.ReopenInterval, stop);

    private void CountFailure() => Interlocked.Increment(ref _readFailures);
}
