using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.Pcsc;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Pcsc;

namespace KioskAgent.Tests.Hardware.Pcsc;

/// <summary>pcscd crashes and restarts under a watching reader; the same reader instance carries on.</summary>
[Collection(PcscCollection.Name)]
[Trait("Category", TestCategories.Integration)]
public sealed class PcscCardReaderRecoveryTests(PcscdFixture pcscd) : IAsyncLifetime
{
    public Task InitializeAsync() => pcscd.PrepareAsync();

    public Task DisposeAsync() => pcscd.Pcscd.StartAgainAsync();

    [Fact]
    public async Task PcscdKilledAndRestarted_ReportsUnavailableThenAvailable_AndTapsWorkAgain()
    {
        await using var reader = PcscTestReaders.Create();
        await using var recorder = new CardEventRecorder(reader);
        await recorder.WaitAvailableAsync();
        await using (await VpcdCard.InsertAsync(VirtualUidCard.MifareClassic1K("B1B2B3B4")))
        {
            await recorder.WaitForAsync<CardPresented>();
        }

        var beforeKill = recorder.Events.Count;
        await pcscd.Pcscd.KillAsync();
        var lost = await recorder.WaitForAsync<ReaderStatusChanged>(s => !s.Available, after: beforeKill);
        await pcscd.Pcscd.StartAgainAsync();
        var back = await recorder.WaitForAsync<ReaderStatusChanged>(s => s.Available, after: recorder.PositionOf(lost));
        await using var card = await VpcdCard.InsertAsync(VirtualUidCard.MifareClassic1K("C1C2C3C4"));
        var presented = await recorder.WaitForAsync<CardPresented>(after: recorder.PositionOf(back));

        Assert.Equal(PcscReaderStatusReasons.ServiceUnavailable, lost.Reason);
        Assert.Equal(PcscReaderStatusReasons.ReaderAvailable, back.Reason);
        Assert.Equal("C1C2C3C4", presented.Uid.Hex);
        Assert.Equal(1, reader.Counters.ServiceLosses);
        Assert.True(reader.Counters.Reconnects >= 1, $"reconnects: {reader.Counters.Reconnects}");
        Assert.Null(recorder.Failure);
    }

    [Fact]
    public async Task PcscdKilledWithCardOnReader_RemovesTheCardBeforeReportingUnavailable()
    {
        await using var reader = PcscTestReaders.Create();
        await using var recorder = new CardEventRecorder(reader);
        await recorder.WaitAvailableAsync();
        await using var resting = await VpcdCard.InsertAsync(VirtualUidCard.MifareClassic1K("D1D2D3D4"));
        var presented = await recorder.WaitForAsync<CardPresented>();

        await pcscd.Pcscd.KillAsync();
        var lost = await recorder.WaitForAsync<ReaderStatusChanged>(s => !s.Available, after: recorder.PositionOf(presented));
        var removed = await recorder.WaitForAsync<CardRemoved>(after: recorder.PositionOf(presented));

        Assert.True(recorder.PositionOf(removed) < recorder.PositionOf(lost), recorder.Describe());
        Assert.Throws<CardCommunicationException>(() => presented.Transceiver!.Transmit([0xFF, 0xCA, 0x00, 0x00, 0x00]));
    }

    [Fact]
    public async Task Watch_BeforePcscdRuns_ReportsUnavailable_ThenWatchesOnceItStarts()
    {
        await pcscd.Pcscd.StopAsync();
        await using var reader = PcscTestReaders.Create();
        await using var recorder = new CardEventRecorder(reader);

        var down = await recorder.WaitForAsync<ReaderStatusChanged>();
        await pcscd.Pcscd.StartAgainAsync();
        var up = await recorder.WaitAvailableAsync();
        await using var card = await VpcdCard.InsertAsync(VirtualUidCard.MifareClassic1K("E1E2E3E4"));
        var presented = await recorder.WaitForAsync<CardPresented>(after: recorder.PositionOf(up));

        Assert.False(down.Available);
        Assert.Equal(PcscReaderStatusReasons.ServiceUnavailable, down.Reason);
        Assert.Equal("E1E2E3E4", presented.Uid.Hex);
        Assert.Equal(0, reader.Counters.Reconnects);
    }
}
