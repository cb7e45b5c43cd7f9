using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.Pcsc;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Pcsc;

namespace KioskAgent.Tests.Hardware.Pcsc;

/// <summary>Taps on the real pcscd with the vpcd driver, the card emulated in-process.</summary>
[Collection(PcscCollection.Name)]
[Trait("Category", TestCategories.Integration)]
public sealed class PcscCardReaderTests(PcscdFixture pcscd) : IAsyncLifetime
{
    public Task InitializeAsync() => pcscd.PrepareAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Insert_StorageCard_YieldsPresentedWithUidTechnologyAndAtr()
    {
        await using var reader = PcscTestReaders.Create();
        await using var recorder = new CardEventRecorder(reader);
        var available = await recorder.WaitAvailableAsync();
        var card = VirtualUidCard.MifareClassic1K("04A1B2C3D4E5F6");

        await using var inserted = await VpcdCard.InsertAsync(card);
        var presented = await recorder.WaitForAsync<CardPresented>();

        Assert.Equal(PcscReaderStatusReasons.ReaderAvailable, available.Reason);
        Assert.Equal("test-reader", presented.ReaderId);
        Assert.Equal("04A1B2C3D4E5F6", presented.Uid.Hex);
        Assert.Equal(CardTechnology.MifareClassic1K, presented.Technology);
        Assert.Equal(card.Atr, presented.Atr);
        Assert.IsType<PcscCardTransceiver>(presented.Transceiver);
        Assert.Equal("Virtual PCD 00 00", reader.ConnectedReaderName);
        Assert.Equal(1, reader.Counters.Taps);
    }

    [Theory]
    [InlineData("3B8F8001804F0CA0000003060300020000000069", CardTechnology.MifareClassic4K)]
    [InlineData("3B8F8001804F0CA0000003060300030000000068", CardTechnology.MifareUltralight)]
    [InlineData("3B8F8001804F0CA000000306030026000000004D", CardTechnology.MifareClassicMini)]
    [InlineData("3B8180018080", CardTechnology.Iso14443A4)]
    public async Task Insert_CardWithAtr_ReportsTechnologyFromAtr(string atrHex, CardTechnology expected)
    {
        await using var reader = PcscTestReaders.Create();
        await using var recorder = new CardEventRecorder(reader);
        await recorder.WaitAvailableAsync();

        await using var inserted = await VpcdCard.InsertAsync(new VirtualUidCard([0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66], Convert.FromHexString(atrHex)));
        var presented = await recorder.WaitForAsync<CardPresented>();

        Assert.Equal(expected, presented.Technology);
        Assert.Equal("04112233445566", presented.Uid.Hex);
    }

    [Fact]
    public async Task Remove_PresentedCard_YieldsCardRemoved()
    {
        await using var reader = PcscTestReaders.Create();
        await using var recorder = new CardEventRecorder(reader);
        await recorder.WaitAvailableAsync();
        await using var inserted = await VpcdCard.InsertAsync(VirtualUidCard.MifareClassic1K("A1B2C3D4"));
        var presented = await recorder.WaitForAsync<CardPresented>();

        await inserted.RemoveAsync();
        var removed = await recorder.WaitForAsync<CardRemoved>(after: recorder.PositionOf(presented));

        Assert.Equal("test-reader", removed.ReaderId);
        Assert.True(removed.At >= presented.At);
        Assert.Equal(1, reader.Counters.Removals);
    }

    [Fact]
    public async Task Reinsert_AfterRemoval_YieldsNewPresentation()
    {
        await using var reader = PcscTestReaders.Create();
        await using var recorder = new CardEventRecorder(reader);
        await recorder.WaitAvailableAsync();

        await using (await VpcdCard.InsertAsync(VirtualUidCard.MifareClassic1K("0A0B0C0D")))
        {
            await recorder.WaitForAsync<CardPresented>();
        }

        var removed = await recorder.WaitForAsync<CardRemoved>();
        await using var second = await VpcdCard.InsertAsync(VirtualUidCard.MifareClassic1K("0A0B0C0D"));
        var again = await recorder.WaitForAsync<CardPresented>(after: recorder.PositionOf(removed));

        Assert.Equal("0A0B0C0D", again.Uid.Hex);
        Assert.Equal(2, reader.Counters.Taps);
        Assert.Equal(2, recorder.Events.OfType<CardPresented>().Count());
    }

    [Fact]
    public async Task Watch_CardAlreadyOnReader_PresentsItAtOnce()
    {
        await using var inserted = await VpcdCard.InsertAsync(VirtualUidCard.MifareClassic1K("CAFE0001"));
        await Eventually.TrueAsync(() => inserted.PoweredAtrAt != 0, "pcscd to power the card up");

        await using var reader = PcscTestReaders.Create();
        await using var recorder = new CardEventRecorder(reader);
        var presented = await recorder.WaitForAsync<CardPresented>();

        Assert.Equal("CAFE0001", presented.Uid.Hex);
    }

    [Fact]
    public async Task Watch_ReaderNameSubstring_WatchesTheMatchingSlot()
    {
        await using var reader = PcscTestReaders.Create("PCD 00 01");
        await using var recorder = new CardEventRecorder(reader);
        await recorder.WaitAvailableAsync();

        await using var inserted = await VpcdCard.InsertAsync(VirtualUidCard.MifareClassic1K("5107A0B1"), VpcdCard.Reader1Port);
        var presented = await recorder.WaitForAsync<CardPresented>();

        Assert.Equal("Virtual PCD 00 01", reader.ConnectedReaderName);
        Assert.Equal("5107A0B1", presented.Uid.Hex);
    }

    [Fact]
    public async Task Watch_NoMatchingReader_ReportsReaderNotFound()
    {
        await using var reader = PcscTestReaders.Create("No Such Reader");
        await using var recorder = new CardEventRecorder(reader);

        var status = await recorder.WaitForAsync<ReaderStatusChanged>();

        Assert.False(status.Available);
        Assert.Equal(PcscReaderStatusReasons.ReaderNotFound, status.Reason);
        Assert.Null(reader.ConnectedReaderName);
    }
}
