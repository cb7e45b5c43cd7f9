using System.Threading.Channels;
using Iot.Device.Pn532;
using Iot.Device.Pn532.ListPassive;
using Iot.Device.Pn532.RfConfiguration;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.CardReaders.StorageCards;
using Pn532Chip = Iot.Device.Pn532.Pn532;

namespace KioskAgent.Hardware.Pn532;

/// <summary>
/// An <see cref="ICardReader"/> over a PN532 (HSU, I2C or SPI) through the dotnet/iot binding. On its
/// own thread it opens the chip, limits activation retries, polls with InListPassiveTarget (106 kbit/s
/// type A, one target), reports each card with a <see cref="Pn532Transceiver"/>, keeps it present while
/// it answers (InRelease + InListPassiveTarget, skipped while card logic is talking to it) and reports
/// it removed when it stops. A chip that stops answering becomes <see cref="ReaderStatusChanged"/> and
/// is opened again; <see cref="WatchAsync"/> never throws.
/// </summary>
public sealed class Pn532CardReader : PolledCardReader
{
    private readonly Func<Pn532Chip> _open;
    private readonly Pn532CardReaderOptions _options;
    private readonly MifareKeySlots _keys = new();
    private Pn532Chip? _chip;
    private Pn532Transceiver? _current;
    private long _nextOpen;
    private int _misses;
    private int _emptyPolls;

    /// <param name="open">Opens the chip, e.g. <c>() =&gt; Pn532Connection.Open(options)</c>; called again after a fault.</param>
    public Pn532CardReader(string readerId, Func<Pn532Chip> open, Pn532CardReaderOptions? options = null, TimeProvider? timeProvider = null)
        : base(readerId, ValidOptions(options).PollInterval, timeProvider)
    {
        _open = open ?? throw new ArgumentNullException(nameof(open));
        _options = ValidOptions(options);
    }

    protected override void EndSession() => CloseSession();

    protected override void ReleaseChip()
    {
        lock (Gate)
        {
            CloseChip();
        }
    }

    private static Pn532CardReaderOptions ValidOptions(Pn532CardReaderOptions? options)
    {
        var valid = options ?? new Pn532CardReaderOptions();
        valid.Validate();
        return valid;
    }

    protected override void PollOnce(ChannelWriter<CardEvent> events)
    {
        lock (Gate)
        {
            try
            {
                if (_chip is null && !TryOpen(events))
                {
                    return;
                }

                if (_current is null)
                {
                    DetectCard(events, _chip!);
                }
                else
                {
                    CheckPresence(events, _chip!, _current);
                }
            }
            catch (Exception ex)
            {
                Fault(events, $"bus_error: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }

    private bool TryOpen(ChannelWriter<CardEvent> events)
    {
        if (Time.GetTimestamp() < _nextOpen)
        {
            return false;
        }

        try
        {
            _chip = _open();
            // The binding reports a failed RFConfiguration as false; then every empty poll would wait
            // out its serial timeout, so treat it as a chip that does not work.
            if (!_chip.SetMaxRetriesInitialization(new MaxRetriesMode { MaxRetryPassiveActivation = _options.ActivationRetries }))
            {
                throw new IOException("RFConfiguration (MaxRetries) was not acknowledged.");
            }

            _emptyPolls = 0;
            ReportStatus(events, available: true, $"ready: {Describe(_chip.FirmwareVersion)}");
            return true;
        }
        catch (Exception ex)
        {
            CloseChip();
            ScheduleOpen();
            ReportStatus(events, available: false, $"chip_not_responding: {ex.Message}");
            return false;
        }
    }

    private void DetectCard(ChannelWriter<CardEvent> events, Pn532Chip chip)
    {
        var listed = chip.ListPassiveTarget(MaxTarget.One, TargetBaudRate.B106kbpsTypeA);
        if (listed is null)
        {
            CheckLineWhenIdle(chip);
            return;
        }

        _emptyPolls = 0;
        if (Pn532Target.FromListed(chip, listed) is { } target)
        {
            Present(events, chip, target);
            return;
        }

        ReportFailure(events, listed);
        chip.ReleaseTarget(listed.Length > 1 ? listed[1] : (byte)1);
    }

    /// <summary>An empty field and a silent chip both list nothing; every so often ask the chip to echo.</summary>
    private void CheckLineWhenIdle(Pn532Chip chip)
    {
        if (++_emptyPolls < _options.EmptyPollsPerLineTest)
        {
            return;
        }

        _emptyPolls = 0;
        if (!chip.RunSelfTest(DiagnoseMode.CommunicationLineTest))
        {
            throw new IOException("The PN532 did not echo a communication line test.");
        }
    }

    /// <summary>
    /// InRelease then InListPassiveTarget: only a card still in the field is activated again.
    /// Skipped until card logic has left the card alone for <see cref="Pn532CardReaderOptions.QuietBeforePresenceCheck"/>,
    /// so an authenticated MIFARE session or an ISO-DEP session is not broken by the check.
    /// </summary>
    private void CheckPresence(ChannelWriter<CardEvent> events, Pn532Chip chip, Pn532Transceiver current)
    {
        if (!current.Lost && current.SinceLastSuccess < _options.QuietBeforePresenceCheck)
        {
            return;
        }

        // A card that has left cannot be released cleanly; the answer does not matter.
        chip.ReleaseTarget(current.Target.TargetNumber);
        var again = Pn532Target.FromListed(chip, chip.ListPassiveTarget(MaxTarget.One, TargetBaudRate.B106kbpsTypeA));
        if (again is not null && again.SameCardAs(current.Target))
        {
            current.Target = again;
            current.MarkAnswered();
            _misses = 0;
            return;
        }

        if (again is not null)
        {
            Remove(events);
            Present(events, chip, again);
            return;
        }

        if (++_misses >= _options.MissesBeforeRemoval)
        {
            Remove(events);
        }
    }

    private void Present(ChannelWriter<CardEvent> events, Pn532Chip chip, Pn532Target target)
    {
        _current = new Pn532Transceiver(chip, target, Gate, _keys);
        _misses = 0;
        events.TryWrite(new CardPresented(ReaderId, target.CardUid, target.Technology, Time.GetUtcNow(), _current));
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

    private void ReportFailure(ChannelWriter<CardEvent> events, byte[] listed)
    {
        var count = CountReadFailure();
        events.TryWrite(new CardReadFailed(ReaderId, Time.GetUtcNow(), "invalid_response",
            $"InListPassiveTarget answered {listed.Length} byte(s) that are no 106 kbit/s type A target (read failure {count} on this reader)"));
    }

    private void Fault(ChannelWriter<CardEvent> events, string reason)
    {
        if (_current is not null)
        {
            Remove(events);
        }

        CloseChip();
        ScheduleOpen();
        ReportStatus(events, available: false, reason);
    }

    private void CloseChip()
    {
        try
        {
            _chip?.Dispose();
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            // The port or bus is gone already; nothing left to close.
        }

        _chip = null;
    }

    private void ScheduleOpen() =>
        _nextOpen = Time.GetTimestamp() + (long)(_options.RetryDelay.TotalSeconds * Time.TimestampFrequency);

    private static string Describe(FirmwareVersion? version) =>
        version is null ? "PN532 (version not read)" : $"PN5{version.IdentificationCode:X2} firmware {version.Version}";
}
