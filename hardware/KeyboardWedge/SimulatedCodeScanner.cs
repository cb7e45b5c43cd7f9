using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>
/// A code scanner without hardware, for demos and tests: <see cref="Scan"/> types one line as a
/// real scanner would, through the same <see cref="LineFramer"/>, so a line that is too long or not
/// printable ASCII is refused and counted exactly like a real scanner's. One line per call: a CR or
/// LF inside the text is a control character, not a line end.
/// </summary>
public sealed class SimulatedCodeScanner : ICodeScanner
{
    /// <summary>Scans waiting for the watcher beyond this are dropped, oldest first.</summary>
    private const int Backlog = 64;

    private readonly Channel<ScanEvent> _events = Channel.CreateBounded<ScanEvent>(new BoundedChannelOptions(Backlog) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly Lock _gate = new();
    private readonly int _maxLength;
    private readonly TimeProvider _timeProvider;
    private long _readFailures;

    public SimulatedCodeScanner(string scannerId, int maxLength = CodeScannerSettings.DefaultMaxLength, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scannerId);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        ScannerId = scannerId;
        _maxLength = maxLength;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public string ScannerId { get; }

    public long ReadFailureCount => Interlocked.Read(ref _readFailures);

    /// <summary>Types <paramref name="text"/> and Enter; returns the failure reason, or null when the line was taken.</summary>
    public string? Scan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_gate)
        {
            // A fresh framer per line and one instant for every byte: nothing carries over, nothing goes stale.
            var framer = new LineFramer(SerialFraming.Cr, _maxLength, TimeSpan.MaxValue);
            TokenResult? result = null;
            foreach (var c in text)
            {
                // Anything a scanner could not type as printable ASCII (CR, LF, control, non-ASCII) becomes DEL, which the framer refuses.
                result ??= framer.Feed(c is >= ' ' and <= '~' ? (byte)c : (byte)0x7F, TimeSpan.Zero);
            }

            result ??= framer.Feed((byte)'\r', TimeSpan.Zero);
            if (result is not { } line)
            {
                return null;
            }

            var now = _timeProvider.GetUtcNow();
            if (line.IsToken)
            {
                _events.Writer.TryWrite(new CodeScanned(ScannerId, now, line.Text));
                return null;
            }

            Interlocked.Increment(ref _readFailures);
            _events.Writer.TryWrite(new CodeScanFailed(ScannerId, now, line.Reason!, line.Detail));
            return line.Reason;
        }
    }

    public async IAsyncEnumerable<ScanEvent> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new ScannerStatusChanged(ScannerId, _timeProvider.GetUtcNow(), Available: true, "simulated");
        while (true)
        {
            ScanEvent next;
            try
            {
                next = await _events.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
            catch (ChannelClosedException)
            {
                yield break;
            }

            yield return next;
        }
    }

    public ValueTask DisposeAsync()
    {
        _events.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
