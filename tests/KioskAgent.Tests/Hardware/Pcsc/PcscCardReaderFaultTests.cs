using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.Pcsc;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Pcsc;

namespace KioskAgent.Tests.Hardware.Pcsc;

/// <summary>Cards that answer wrongly become CardReadFailed events and counters; the next good card still reads.</summary>
[Collection(PcscCollection.Name)]
[Trait("Category", TestCategories.Integration)]
public sealed class PcscCardReaderFaultTests(PcscdFixture pcscd) : IAsyncLifetime
{
    public Task InitializeAsync() => pcscd.PrepareAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(UidCardFault.GarbageAtr, PcscReadFailureReasons.AtrInvalid)]
    [InlineData(UidCardFault.WrongStatusWord, PcscReadFailureReasons.UidBadStatus)]
    [InlineData(UidCardFault.TruncatedAnswer, PcscReadFailureReasons.UidTruncated)]
    [InlineData(UidCardFault.PulledMidApdu, PcscReadFailureReasons.CardRemoved)]
    public async Task BrokenCard_YieldsReadFailedWithReason_ThenNextCardReads(UidCardFault fault, string reason)
    {
        await using var reader = PcscTestReaders.Create();
        await using var recorder = new CardEventRecorder(reader);
        await recorder.WaitAvailableAsync();

        var failed = await TapAsync(recorder, new BrokenUidCard(fault));
        await using var good = await VpcdCard.InsertAsync(VirtualUidCard.MifareClassic1K("600DCA4D"));
        var presented = await recorder.WaitForAsync<CardPresented>(after: recorder.PositionOf(failed));

        Assert.Equal(reason, failed.Reason);
        Assert.False(string.IsNullOrWhiteSpace(failed.Detail));
        Assert.Equal(1, reader.Counters.ReadFailuresFor(reason));
        Assert.Equal(1, reader.Counters.ReadFailures);
        Assert.Equal("600DCA4D", presented.Uid.Hex);
        Assert.Null(recorder.Failure);
    }

    [Fact]
    public async Task BrokenCard_IsFollowedByCardRemoved_WhenItLeaves()
    {
        await using var reader = PcscTestReaders.Create();
        await using var recorder = new CardEventRecorder(reader);
        await recorder.WaitAvailableAsync();

        var failed = await TapAsync(recorder, new BrokenUidCard(UidCardFault.WrongStatusWord));
        var removed = await recorder.WaitForAsync<CardRemoved>(after: recorder.PositionOf(failed));

        Assert.Equal("test-reader", removed.ReaderId);
        Assert.Empty(recorder.Events.OfType<CardPresented>());
    }

    [Fact]
    public async Task ManyBrokenCards_CountEachReason()
    {
        await using var reader = PcscTestReaders.Create();
        await using var recorder = new CardEventRecorder(reader);
        await recorder.WaitAvailableAsync();

        await TapAsync(recorder, new BrokenUidCard(UidCardFault.GarbageAtr));
        await TapAsync(recorder, new BrokenUidCard(UidCardFault.GarbageAtr));
        await TapAsync(recorder, new BrokenUidCard(UidCardFault.TruncatedAnswer));

        Assert.Equal(2, reader.Counters.ReadFailuresFor(PcscReadFailureReasons.AtrInvalid));
        Assert.Equal(1, reader.Counters.ReadFailuresFor(PcscReadFailureReasons.UidTruncated));
        Assert.Equal(3, reader.Counters.ReadFailures);
        Assert.Equal(0, reader.Counters.Taps);
    }

    /// <summary>Puts the card down until the reader reports it, then takes it away until the reader has seen it go.</summary>
    private static async Task<CardReadFailed> TapAsync(CardEventRecorder recorder, BrokenUidCard card)
    {
        var after = recorder.Events.Count;
        var inserted = await VpcdCard.InsertAsync(card);
        CardReadFailed failed;
        try
        {
            failed = await recorder.WaitForAsync<CardReadFailed>(after: after);
        }
        finally
        {
            await inserted.RemoveAsync();
        }

        await recorder.WaitForAsync<CardRemoved>(after: recorder.PositionOf(failed));
        return failed;
    }
}
