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
public sealed class Mfrc522CardReader : PolledCardReader
{
    private readonly Mfrc522 _mfrc522;
    private readonly Mfrc522CardReaderOptions _options;
    private readonly bool _shouldDispose;
    private readonly MifareKeySlots _keys = new();
    private Mfrc522Transceiver? _current;
    private bool _chipReady;
    private bool _failureReported;
    private long _nextInitialization;
    private int _misses;

    public Mfrc522CardReader(string readerId, Mfrc522 mfrc522, Mfrc522CardReaderOptions? options = null, TimeProvider? timeProvider = null, bool shouldDispose = true)
        : base(readerId, ValidOptions(options).PollInterval, timeProvider)
    {
        _mfrc522 = mfrc522 ?? throw new ArgumentNullException(nameof(mfrc522));
        _options = ValidOptions(options);
        _shouldDispose = shouldDispose;
    }

    protected override void EndSession() => CloseSession();

    protected override void ReleaseChip()
    {
        if (_shouldDispose)
        {
            ShutDownChip();
            _mfrc522.Dispose();
        }
    }

    private static Mfrc522CardReaderOptions ValidOptions(Mfrc522CardReaderOptions? options)
    {
        var valid = options ?? new Mfrc522CardReaderOptions();
        valid.Validate();
        return valid;
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

    protected override void PollOnce(ChannelWriter<CardEvent> events)
    {
        lock (Gate)
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
        if (Time.GetTimestamp() < _nextInitialization)
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
        _current = new Mfrc522Transceiver(_mfrc522, card, Gate, _keys);
        _misses = 0;
        _failureReported = false;
        events.TryWrite(new CardPresented(ReaderId, card.CardUid, card.Technology, Time.GetUtcNow(), _current));
    }

    private void Remove(ChannelWriter<CardEvent> events)
    {
        CloseSession();
        events.TryWrite(new CardRemoved(ReaderId, Time.GetUtcNow()));
    }

    private void CloseSession()
    {
        _current?.Closed = true;
        _current = null;
        _misses = 0;
    }

    private void ReportFailure(ChannelWriter<CardEvent> events, Mfrc522Status status)
    {
        var count = CountReadFailure();
        if (_failureReported)
        {
            return;
        }

        _failureReported = true;
        events.TryWrite(new CardReadFailed(ReaderId, Time.GetUtcNow(), ReasonFor(status), $"{status} while activating the card (read failure {count} on this reader)"));
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

    private void ScheduleInitialization() =>
        _nextInitialization = Time.GetTimestamp() + (long)(_options.RetryDelay.TotalSeconds * Time.TimestampFrequency);

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
