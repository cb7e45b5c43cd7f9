using System.Runtime.CompilerServices;
using System.Threading.Channels;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.Pcsc.Watching;

namespace KioskAgent.Hardware.Pcsc;

/// <summary>
/// A contactless reader behind pcscd (ACR122U, ACR1252U, ... or vpcd). Yields
/// <see cref="CardPresented"/> with UID, technology (from the ATR), ATR and a transceiver bound to
/// the card; <see cref="CardRemoved"/>; <see cref="CardReadFailed"/> for cards it cannot read; and
/// <see cref="ReaderStatusChanged"/> when the reader or pcscd comes and goes. It reconnects by itself
/// (bounded backoff) and never throws out of <see cref="WatchAsync"/> for reader or card faults.
/// </summary>
public sealed class PcscCardReader : ICardReader
{
    private readonly PcscCardReaderOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _disposed = new();
    private PcscWatchLoop? _loop;

    /// <param name="readerId">Stable id from configuration, put on every event.</param>
    /// <param name="readerName">pcscd's reader name, exact or a prefix/substring (e.g. "ACS ACR122U", "Virtual PCD 00 00").</param>
    public PcscCardReader(string readerId, string readerName, TimeProvider? timeProvider = null, PcscCardReaderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(readerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(readerName);
        _options = options ?? PcscCardReaderOptions.Default;
        _options.Validate();
        ReaderId = readerId;
        ReaderName = readerName;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public string ReaderId { get; }

    /// <summary>The configured name or pattern.</summary>
    public string ReaderName { get; }

    /// <summary>The full pcscd name of the reader being watched, or null while it is not found.</summary>
    public string? ConnectedReaderName => Volatile.Read(ref _loop)?.ReaderName;

    public PcscReaderCounters Counters { get; } = new();

    public async IAsyncEnumerable<CardEvent> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        var events = Channel.CreateUnbounded<CardEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        var loop = new PcscWatchLoop(ReaderId, ReaderName, _options, _timeProvider, Counters, events.Writer, stop.Token);
        if (Interlocked.CompareExchange(ref _loop, loop, null) is not null)
        {
            throw new InvalidOperationException($"Reader {ReaderId} is already being watched; only one consumer may watch it.");
        }

        try
        {
            using var registration = stop.Token.Register(loop.Cancel);
            loop.Start();
            await foreach (var cardEvent in events.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return cardEvent;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await loop.StopAsync().ConfigureAwait(false);
            Interlocked.CompareExchange(ref _loop, null, loop);
        }
    }

    /// <summary>Stops a running watch (its enumeration ends) and waits until its thread has released pcscd.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        await _disposed.CancelAsync().ConfigureAwait(false);
        if (Volatile.Read(ref _loop) is { } loop)
        {
            await loop.StopAsync().ConfigureAwait(false);
        }

        _disposed.Dispose();
    }
}
