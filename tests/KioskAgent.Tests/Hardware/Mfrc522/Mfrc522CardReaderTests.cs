using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.Mfrc522;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Mfrc522;
using Driver = KioskAgent.Hardware.Mfrc522.Mfrc522;

namespace KioskAgent.Tests.Hardware.Mfrc522;

[Trait("Category", TestCategories.Unit)]
public sealed class Mfrc522CardReaderTests : IAsyncLifetime
{
    private static readonly Mfrc522CardReaderOptions FastPolling = new()
    {
        PollInterval = TimeSpan.FromMilliseconds(10),
        RetryDelay = TimeSpan.FromMilliseconds(50),
    };

    private readonly SimulatedMfrc522 _chip = new();
    private readonly Mfrc522CardReader _reader;
    private readonly ReaderEventLog _recorder;

    public Mfrc522CardReaderTests()
    {
        _reader = new Mfrc522CardReader("member-1", new Driver(_chip), FastPolling);
        _recorder = new ReaderEventLog(_reader);
    }

    public Task InitializeAsync() => _recorder.WaitForAsync<ReaderStatusChanged>(s => s.Available);

    public async Task DisposeAsync()
    {
        await _recorder.DisposeAsync();
        await _reader.DisposeAsync();
    }

    [Fact]
    public void WatchAsync_ChipAnswers_ReportsReaderAvailableWithVersion()
    {
        var status = Assert.IsType<ReaderStatusChanged>(_recorder.Events[0]);

        Assert.True(status.Available);
        Assert.Contains("0x92", status.Reason, StringComparison.Ordinal);
        Assert.Equal("member-1", status.ReaderId);
    }

    [Fact]
    public async Task WatchAsync_CardArrives_PresentsUidTechnologyAndTransceiver()
    {
        _chip.Add(SimulatedPicc.Ultralight("04112233445566"));

        var presented = await _recorder.WaitForAsync<CardPresented>();

        Assert.Equal("04112233445566", presented.Uid.Hex);
        Assert.Equal(CardTechnology.MifareUltralight, presented.Technology);
        Assert.Equal([0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x90, 0x00], presented.Transceiver!.Transmit([0xFF, 0xCA, 0x00, 0x00, 0x00]));
    }

    [Fact]
    public async Task WatchAsync_CardStaysInField_StaysPresentAcrossPresenceChecks()
    {
        var card = SimulatedPicc.MifareClassic("A1B2C3D4");
        _chip.Add(card);
        await _recorder.WaitForAsync<CardPresented>();
        var framesAtPresentation = card.FramesReceived;

        await Eventually.TrueAsync(() => card.FramesReceived > framesAtPresentation + 20, "several presence checks");

        Assert.Single(_recorder.OfType<CardPresented>());
        Assert.Empty(_recorder.OfType<CardRemoved>());
    }

    [Fact]
    public async Task WatchAsync_CardTakenAway_ReportsRemovedAndClosesTheTransceiver()
    {
        var card = SimulatedPicc.MifareClassic("A1B2C3D4");
        _chip.Add(card);
        var presented = await _recorder.WaitForAsync<CardPresented>();

        card.InField = false;
        await _recorder.WaitForAsync<CardRemoved>();

        Assert.Throws<CardCommunicationException>(() => presented.Transceiver!.Transmit([0xFF, 0xCA, 0x00, 0x00, 0x00]));
        Assert.IsType<CardRemoved>(_recorder.Events[^1]);
    }

    [Fact]
    public async Task WatchAsync_CardPulledMidRead_ReadThrowsThenCardRemoved()
    {
        var card = SimulatedPicc.MifareClassic("A1B2C3D4");
        _chip.Add(card);
        var transceiver = (await _recorder.WaitForAsync<CardPresented>()).Transceiver!;
        transceiver.Transmit([0xFF, 0x82, 0x00, 0x00, 0x06, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);
        Assert.Equal([0x90, 0x00], transceiver.Transmit([0xFF, 0x86, 0x00, 0x00, 0x05, 0x01, 0x00, 0x04, 0x60, 0x00]));

        card.LeaveFieldAfterFrames = 0;

        Assert.Throws<CardCommunicationException>(() => transceiver.Transmit([0xFF, 0xB0, 0x00, 0x04, 0x10]));
        await _recorder.WaitForAsync<CardRemoved>();
    }

    [Fact]
    public async Task WatchAsync_SakWithBadCrc_ReportsOneCardReadFailedAndCountsEveryFailure()
    {
        var card = SimulatedPicc.MifareClassic("A1B2C3D4");
        card.CorruptCrc = true;
        _chip.Add(card);

        var failed = await _recorder.WaitForAsync<CardReadFailed>();
        await Eventually.TrueAsync(() => _reader.ReadFailureCount >= 3, "repeated failures counted");

        Assert.Equal("crc_error", failed.Reason);
        Assert.Single(_recorder.OfType<CardReadFailed>());
        Assert.Empty(_recorder.OfType<CardPresented>());
    }

    [Fact]
    public async Task WatchAsync_BadCrcClears_PresentsTheCard()
    {
        var card = SimulatedPicc.MifareClassic("A1B2C3D4");
        card.CorruptCrc = true;
        _chip.Add(card);
        await _recorder.WaitForAsync<CardReadFailed>();

        card.CorruptCrc = false;

        Assert.Equal("A1B2C3D4", (await _recorder.WaitForAsync<CardPresented>()).Uid.Hex);
    }

    [Fact]
    public async Task WatchAsync_CardSwappedBetweenPolls_ReportsRemovedThenTheNewCard()
    {
        var first = SimulatedPicc.MifareClassic("A1B2C3D4");
        _chip.Add(first);
        await _recorder.WaitForAsync<CardPresented>();

        _chip.Remove(first);
        _chip.Add(SimulatedPicc.MifareClassic("0A0B0C0D"));

        var second = await _recorder.WaitForAsync<CardPresented>(index: 1);
        Assert.Equal("0A0B0C0D", second.Uid.Hex);
        Assert.Single(_recorder.OfType<CardRemoved>());
    }

    [Fact]
    public async Task WatchAsync_BusFault_ReportsUnavailableRemovesCardThenRecovers()
    {
        _chip.Add(SimulatedPicc.MifareClassic("A1B2C3D4"));
        await _recorder.WaitForAsync<CardPresented>();

        _chip.BusFault = true;
        var down = await _recorder.WaitForAsync<ReaderStatusChanged>(s => !s.Available);
        _chip.BusFault = false;
        await _recorder.WaitForAsync<ReaderStatusChanged>(s => s.Available, index: 1);

        Assert.StartsWith("spi_error", down.Reason, StringComparison.Ordinal);
        Assert.Single(_recorder.OfType<CardRemoved>());
        await _recorder.WaitForAsync<CardPresented>(index: 1);
        Assert.Equal(2, _chip.SoftResets);
    }

    [Fact]
    public async Task WatchAsync_Cancelled_EndsWithoutThrowing()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await using var reader = new Mfrc522CardReader("r2", new Driver(new SimulatedMfrc522()), FastPolling);

        var events = new List<CardEvent>();
        await foreach (var cardEvent in reader.WatchAsync(cts.Token))
        {
            events.Add(cardEvent);
        }

        Assert.True(cts.IsCancellationRequested);
        Assert.IsType<ReaderStatusChanged>(Assert.Single(events));
    }
}
