using KioskAgent.Hardware.CardReaders;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Pcsc;

namespace KioskAgent.Tests.Hardware.Pcsc;

[Collection(PcscCollection.Name)]
[Trait("Category", TestCategories.Integration)]
public sealed class PcscCardTransceiverTests(PcscdFixture pcscd) : IAsyncLifetime
{
    private static readonly byte[] SelectPpse = [0x00, 0xA4, 0x04, 0x00, 0x0E, .. "2PAY.SYS.DDF01"u8, 0x00];

    public Task InitializeAsync() => pcscd.PrepareAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Transmit_WhileCardPresent_ReachesTheCard()
    {
        await using var reader = PcscTestReaders.Create();
        await using var recorder = new CardEventRecorder(reader);
        await recorder.WaitAvailableAsync();
        await using var inserted = await VpcdCard.InsertAsync(VirtualUidCard.MifareClassic1K("04C0FFEE"));
        var presented = await recorder.WaitForAsync<CardPresented>();

        var response = presented.Transceiver!.Transmit(SelectPpse);

        Assert.Equal([0x6D, 0x00], response);
        Assert.Equal(SelectPpse, inserted.Commands[^1]);
    }

    [Fact]
    public async Task Transmit_AfterCardRemoved_ThrowsCardCommunicationException()
    {
        await using var reader = PcscTestReaders.Create();
        await using var recorder = new CardEventRecorder(reader);
        await recorder.WaitAvailableAsync();
        await using var inserted = await VpcdCard.InsertAsync(VirtualUidCard.MifareClassic1K("04C0FFEE"));
        var presented = await recorder.WaitForAsync<CardPresented>();

        await inserted.RemoveAsync();
        await recorder.WaitForAsync<CardRemoved>();

        Assert.Throws<CardCommunicationException>(() => presented.Transceiver!.Transmit(SelectPpse));
    }

    [Fact]
    public async Task Transmit_CardPulledBeforeReaderNoticed_ThrowsCardCommunicationException()
    {
        await using var reader = PcscTestReaders.Create();
        await using var recorder = new CardEventRecorder(reader);
        await recorder.WaitAvailableAsync();
        await using var inserted = await VpcdCard.InsertAsync(VirtualUidCard.MifareClassic1K("04C0FFEE"));
        var presented = await recorder.WaitForAsync<CardPresented>();

        await inserted.RemoveAsync();

        Assert.Throws<CardCommunicationException>(() => presented.Transceiver!.Transmit(SelectPpse));
    }

    [Fact]
    public async Task Transmit_TransceiverOfEarlierCard_DoesNotReachTheNextCard()
    {
        await using var reader = PcscTestReaders.Create();
        await using var recorder = new CardEventRecorder(reader);
        await recorder.WaitAvailableAsync();
        await using var first = await VpcdCard.InsertAsync(VirtualUidCard.MifareClassic1K("01010101"));
        var presented = await recorder.WaitForAsync<CardPresented>();
        await first.RemoveAsync();
        var removed = await recorder.WaitForAsync<CardRemoved>();
        await using var second = await VpcdCard.InsertAsync(VirtualUidCard.MifareClassic1K("02020202"));
        await recorder.WaitForAsync<CardPresented>(after: recorder.PositionOf(removed));
        var commandsBefore = second.Commands.Count;

        Assert.Throws<CardCommunicationException>(() => presented.Transceiver!.Transmit(SelectPpse));
        Assert.Equal(commandsBefore, second.Commands.Count);
    }
}
