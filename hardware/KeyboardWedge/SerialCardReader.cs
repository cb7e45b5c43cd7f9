using System.IO.Ports;
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
    /// <summary>How long one blocking read waits, which bounds how late cancellation is noticed.</summary>
    private const int ReadTimeoutMilliseconds = 100;

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
        DedicatedThreadWatch.WatchAsync(Run, _disposed.Token, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync().ConfigureAwait(false);
        _disposed.Dispose();
    }

    private void Run(ChannelWriter<CardEvent> writer, CancellationToken stop) =>
        new WedgeEventWriter(ReaderId, writer, _timeProvider).ReadUntilStopped(ReadPort, _options.ReopenInterval, stop);

    /// <summary>Opens the port and reads it until it fails; returns why.</summary>
    private string ReadPort(WedgeEventWriter events, CancellationToken stop)
    {
        using var port = new SerialPort(_options.PortName, _options.BaudRate, Parity.None, 8, StopBits.One)
        {
            ReadTimeout = ReadTimeoutMilliseconds,
        };
        try
        {
            port.Open();
            port.DiscardInBuffer();
        }
        catch (Exception ex)
        {
            return $"open_failed: {ex.Message}";
        }

        events.Status(available: true, $"opened {_options.PortName} at {_options.BaudRate} Bd");
        try
        {
            Pump(port, events, stop);
            return "stopped";
        }
        catch (Exception ex)
        {
            return $"port_gone: {ex.Message}";
        }
    }

    private void Pump(SerialPort port, WedgeEventWriter events, CancellationToken stop)
    {
        var framer = _options.CreateFramer();
        var buffer = new byte[256];
        while (!stop.IsCancellationRequested)
        {
            int count;
            try
            {
                count = port.Read(buffer, 0, buffer.Length);
            }
            catch (TimeoutException)
            {
                continue;
            }

            var now = _timeProvider.GetElapsedTime(0);
            foreach (var value in buffer.AsSpan(0, count))
            {
                Handle(framer.Feed(value, now), events);
            }
        }
    }

    private void Handle(TokenResult? result, WedgeEventWriter events)
    {
        if (result is { } token && events.Token(token, _options.EffectiveFormat, _options.Technology))
        {
            Interlocked.Increment(ref _readFailures);
        }
    }
}
