using System.Runtime.CompilerServices;
using System.Threading.Channels;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.CardReaders.StorageCards;

namespace KioskAgent.Hardware.Mfrc522;

/// <summary>
/// An <see cref="ICardReader"/> over an MFRC522: polls on a dedicated thread (WUPA, anticollision,
/// select), reports each card with a <see cref="Mfrc522Transceiver"/> for its APDUs, keeps it
/// present while it keeps answering (HLTA + WUPA + select, skipped while the card logic is talking
/// to it) and reports it removed when it stops. Bus faults become <see cref="ReaderStatusChanged"/>
/// and the chip is initialised again; WatchAsync never throws.
/// </summary>
public sealed class Mfrc522CardReader : ICardReader
{
    private readonly Mfrc522 _mfrc522;
    private readonly Mfrc522CardReaderOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly bool _shouldDispose;
    private readonly Lock _gate = new();
    private readonly MifareKeySlots _keys = new();
    private readonly CancellationTokenSource _disposed = new();
    private Task _poller = Task.CompletedTask;
    private Mfrc522Transceiver? _current;
    private bool _chipReady;
    private bool? _reportedAvailable;
    private bool _failureReported;
    private long _nextInitialization;
    private int _misses;
    private long _readFailures;

    public Mfrc522CardReader(string readerId, Mfrc522 mfrc522, Mfrc522CardReaderOptions? options = null, TimeProvider? timeProvider = null, bool shouldDispose = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(readerId);
        ReaderId = readerId;
        _mfrc522 = mfrc522 ?? throw new ArgumentNullException(nameof(mfrc522));
        _options = options ?? new Mfrc522CardReaderOptions();
        _options.Validate();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _shouldDispose = shouldDispose;
    }

    public string ReaderId { get; }

    /// <summary>Cards seen but not read (CRC, collision, protocol errors), counted since start; only the first of a series is reported as an event.</summary>
    public long ReadFailureCount => Interlocked.Read(ref _readFailures);

    public async IAsyncEnumerable<CardEvent> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = Channel.CreateUnbounded<CardEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        _poller = Task.Factory.StartNew(() => Poll(events.Writer, stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            while (await WaitForEventsAsync(events.Reader, cancellationToken).ConfigureAwait(false))
            {
                while (events.Reader.TryRead(out var cardEvent))
                {
                    yield return cardEvent;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await _poller.ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync().ConfigureAwait(false);
        await _poller.ConfigureAwait(false);
        if (_shouldDispose)
        {
            ShutDownChip();
            _mfrc522.Dispose();
        }

        _disposed.Dispose();
    }

    private static async ValueTask<bool> WaitForEventsAsync(ChannelReader<CardEvent> reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static string ReasonFor(Mfrc522Status status) => status switch
    {
        Mfrc522Status.CrcError => "crc_error",
        Mfrc522Status.Collision => "collision",
        Mfrc522Status.ProtocolError => "protocol_error",
        Mfrc522Status.InvalidResponse => "invalid_response",
        Mfrc522Status.BufferOverflow => "buffer_overflow",
        _ => "read_failed",
    };

    /// <summary>The poll loop, on its own thread: blocking SPI work never occupies a thread-pool thread.</summary>
    private void Poll(ChannelWriter<CardEvent> events, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                PollOnce(events);
                stop.WaitHandle.WaitOne(_options.PollInterval);
            }
        }
        finally
        {
            lock (_gate)
            {
                CloseSession();
            }

            events.TryComplete();
        }
    }

    private void PollOnce(ChannelWriter<CardEvent> events)
    {
        lock (_gate)
        {
            try
            {
                if (!_chipReady && !TryInitialize(events))
                {
                    return;
                }

                if (_current is null)
                {
                    DetectCard(events);
                }
                else
                {
                    CheckPresence(events, _current);
                }
            }
            catch (Exception ex)
            {
                Fault(events, $"spi_error: {ex.Message}");
            }
        }
    }

    private bool TryInitialize(ChannelWriter<CardEvent> events)
    {
        if (_timeProvider.GetTimestamp() < _nextInitialization)
        {
            return false;
        }

        try
        {
            var version = _mfrc522.Initialize(_options.Gain);
            _chipReady = true;
            ReportStatus(events, available: true, $"ready: MFRC522 VersionReg 0x{version:X2}");
            return true;
        }
        catch (Exception ex)
        {
            ScheduleInitialization();
            ReportStatus(events, available: false, $"chip_not_responding: {ex.Message}");
            return false;
        }
    }

    private void DetectCard(ChannelWriter<CardEvent> events)
    {
        // WUPA rather than REQA: it also finds a card left halted by an earlier session.
        var status = _mfrc522.ListenForCard(wakeUp: true, out var card);
        switch (status)
        {
            case Mfrc522Status.Ok:
                Present(events, card!);
                break;
            case Mfrc522Status.NoAnswer:
                // The field is empty only after as many silent polls as a removal needs.
                if (++_misses >= _options.MissesBeforeRemoval)
                {
                    _failureReported = false;
                }

                break;
            case Mfrc522Status.ChipTimeout:
                throw new IOException("The MFRC522 did not complete a Transceive.");
            default:
                _misses = 0;
                ReportFailure(events, status);
                // Halt whatever half-activated card answered, so the next WUPA starts it from scratch.
                _ = _mfrc522.HaltA();
                break;
        }
    }

    /// <summary>
    /// HLTA then WUPA + select: only a card still in the field answers. Skipped while the card has
    /// answered the card logic within the last poll interval, so an authenticated session is not
    /// broken by the presence check.
    /// </summary>
    private void CheckPresence(ChannelWriter<CardEvent> events, Mfrc522Transceiver current)
    {
        if (!current.Lost && current.SinceLastSuccess < _options.PollInterval)
        {
            return;
        }

        _mfrc522.StopCrypto1();
        _ = _mfrc522.HaltA();
        var status = _mfrc522.ListenForCard(wakeUp: true, out var card);
        if (status == Mfrc522Status.Ok && card!.SameCardAs(current.Card))
        {
            current.MarkAnswered();
            _misses = 0;
            return;
        }

        HandlePresenceMiss(events, status, card);
    }

    private void HandlePresenceMiss(ChannelWriter<CardEvent> events, Mfrc522Status status, PiccSelection? card)
    {
        switch (status)
        {
            case Mfrc522Status.Ok:
                Remove(events);
                Present(events, card!);
                return;
            case Mfrc522Status.ChipTimeout:
                throw new IOException("The MFRC522 did not complete a Transceive.");
            case not Mfrc522Status.NoAnswer:
                ReportFailure(events, status);
                break;
        }

        if (++_misses >= _options.MissesBeforeRemoval)
        {
            Remove(events);
        }
    }

    private void Present(ChannelWriter<CardEvent> events, PiccSelection card)
    {
        _current = new Mfrc522Transceiver(_mfrc522, card, _gate, _keys);
        _misses = 0;
        _failureReported = false;
        events.TryWrite(new CardPresented(ReaderId, card.CardUid, card.Technology, _timeProvider.GetUtcNow(), _current));
    }

    private void Remove(ChannelWriter<CardEvent> events)
    {
        CloseSession();
        events.TryWrite(new CardRemoved(ReaderId, _timeProvider.GetUtcNow()));
    }

    private void CloseSession()
    {
        _current?.Closed = true;
        _current = null;
        _misses = 0;
    }

    private void ReportFailure(ChannelWriter<CardEvent> events, Mfrc522Status status)
    {
        var count = Interlocked.Increment(ref _readFailures);
        if (_failureReported)
        {
            return;
        }

        _failureReported = true;
        events.TryWrite(new CardReadFailed(ReaderId, _timeProvider.GetUtcNow(), ReasonFor(status), $"{status} while activating the card (read failure {count} on this reader)"));
    }

    private void Fault(ChannelWriter<CardEvent> events, string reason)
    {
        _chipReady = false;
        ScheduleInitialization();
        if (_current is not null)
        {
            Remove(events);
        }

        ReportStatus(events, available: false, reason);
    }

    private void ReportStatus(ChannelWriter<CardEvent> events, bool available, string reason)
    {
        if (_reportedAvailable == available)
        {
            return;
        }

        _reportedAvailable = available;
        events.TryWrite(new ReaderStatusChanged(ReaderId, _timeProvider.GetUtcNow(), available, reason));
    }

    private void ScheduleInitialization() =>
        _nextInitialization = _timeProvider.GetTimestamp() + (long)(_options.RetryDelay.TotalSeconds * _timeProvider.TimestampFrequency);

    private void ShutDownChip()
    {
        try
        {
            _mfrc522.AntennaOn = false;
        }
        catch (IOException)
        {
            // The bus is gone already; nothing to switch off.
        }
    }
}
