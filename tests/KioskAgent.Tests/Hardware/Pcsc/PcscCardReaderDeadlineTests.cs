using System.Diagnostics;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.Pcsc;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Pcsc;
using Xunit.Abstractions;

namespace KioskAgent.Tests.Hardware.Pcsc;

/// <summary>
/// A card that never answers, behind the real pcscd: the exchange is given up at its deadline, the
/// reader says it is stuck, recovers when the card answers or leaves, serves the next card, and stops
/// at once whatever the card does.
/// </summary>
[Collection(PcscCollection.Name)]
[Trait("Category", TestCategories.Integration)]
public sealed class PcscCardReaderDeadlineTests(PcscdFixture pcscd, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly PcscCardReaderOptions OneSecond = PcscTestReaders.FastRetries with
    {
        ExchangeTimeout = TimeSpan.FromSeconds(1),
        CardReadTimeout = TimeSpan.FromSeconds(3),
    };

    public Task InitializeAsync() => pcscd.PrepareAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SilentCard_FailsWithCardTimeoutAndReportsStuckWithinFiveSeconds_ThenRecoversWhenPulled_AndServesTheNextCard()
    {
        await using var reader = PcscTestReaders.Create(options: OneSecond);
        await using var recorder = new CardEventRecorder(reader);
        await recorder.WaitAvailableAsync();
        var silent = new SilentUidCard();

        var inserted = await VpcdCard.InsertAsync(silent);
        var clock = Stopwatch.StartNew();
        var failed = await recorder.WaitForAsync<CardReadFailed>();
        var stuck = await recorder.WaitForAsync<ReaderStatusChanged>(s => s.Reason == PcscReaderStatusReasons.CardStuck, after: recorder.PositionOf(failed));
        var reportedAfter = clock.Elapsed;
        silent.Pull();
        await inserted.Closed;
        var recovered = await recorder.WaitAvailableAsync(after: recorder.PositionOf(stuck));
        await recorder.WaitForAsync<CardRemoved>(after: recorder.PositionOf(failed));
        await using var good = await VpcdCard.InsertAsync(VirtualUidCard.MifareClassic1K("600DCA4D"));
        var presented = await recorder.WaitForAsync<CardPresented>(after: recorder.PositionOf(recovered));

        output.WriteLine($"card_stuck reported {reportedAfter.TotalMilliseconds:F0} ms after insertion");
        Assert.Equal(PcscReadFailureReasons.CardTimeout, failed.Reason);
        Assert.Contains("FF CA", failed.Detail, StringComparison.Ordinal);
        Assert.True(stuck is { Available: false, Faulted: true }, recorder.Describe());
        Assert.True(reportedAfter < TimeSpan.FromSeconds(5), $"stuck reported {reportedAfter.TotalMilliseconds:F0} ms after the card was inserted");
        Assert.Equal(1, reader.Counters.StuckExchanges);
        Assert.Equal("600DCA4D", presented.Uid.Hex);
        Assert.Null(recorder.Failure);
    }

    [Fact]
    public async Task SilentCard_AnsweringLate_RecoversTheReaderWhileTheCardStaysOn()
    {
        await using var reader = PcscTestReaders.Create(options: OneSecond);
        await using var recorder = new CardEventRecorder(reader);
        await recorder.WaitAvailableAsync();
        var silent = new SilentUidCard();

        var inserted = await VpcdCard.InsertAsync(silent);
        var stuck = await recorder.WaitForAsync<ReaderStatusChanged>(s => s.Reason == PcscReaderStatusReasons.CardStuck);
        silent.Answer();
        var recovered = await recorder.WaitAvailableAsync(after: recorder.PositionOf(stuck));
        await inserted.RemoveAsync();
        await recorder.WaitForAsync<CardRemoved>(after: recorder.PositionOf(recovered));
        await using var good = await VpcdCard.InsertAsync(VirtualUidCard.MifareClassic1K("600DCA4E"));
        var presented = await recorder.WaitForAsync<CardPresented>(after: recorder.PositionOf(recovered));

        Assert.Equal("600DCA4E", presented.Uid.Hex);
        Assert.DoesNotContain(recorder.Events.OfType<CardPresented>(), p => p.Uid.Hex == "5113A7C0");
    }

    [Fact]
    public async Task Transceiver_CardSilentOnAnIdentityCommand_ThrowsAtTheDeadline_AndTheReaderReportsStuck()
    {
        await using var reader = PcscTestReaders.Create(options: OneSecond);
        await using var recorder = new CardEventRecorder(reader);
        await recorder.WaitAvailableAsync();
        var silent = new SilentUidCard(answersUid: true);
        var inserted = await VpcdCard.InsertAsync(silent);
        var presented = await recorder.WaitForAsync<CardPresented>();

        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<CardCommunicationException>(() => presented.Transceiver!.Transmit([0xFF, 0xB0, 0x00, 0x04, 0x10]));
        var threwAfter = clock.Elapsed;
        var stuck = await recorder.WaitForAsync<ReaderStatusChanged>(s => s.Reason == PcscReaderStatusReasons.CardStuck, after: recorder.PositionOf(presented));
        var again = Assert.Throws<CardCommunicationException>(() => presented.Transceiver!.Transmit([0xFF, 0xB0, 0x00, 0x05, 0x10]));
        silent.Pull();
        await inserted.Closed;
        await recorder.WaitAvailableAsync(after: recorder.PositionOf(stuck));

        Assert.Contains("did not answer", error.Message, StringComparison.Ordinal);
        Assert.InRange(threwAfter, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(5));
        Assert.Contains("did not answer", again.Message, StringComparison.Ordinal);
        Assert.True(stuck.Faulted);
        Assert.Single(inserted.Commands, c => c[1] == 0xB0);
    }

    [Fact]
    public async Task DisposeAsync_WhileTheCardIsSilent_ReturnsWithoutWaitingForTheCard()
    {
        var patient = PcscTestReaders.FastRetries with { ExchangeTimeout = TimeSpan.FromSeconds(30), CardReadTimeout = TimeSpan.FromSeconds(60) };
        var reader = PcscTestReaders.Create(options: patient);
        var recorder = new CardEventRecorder(reader);
        await recorder.WaitAvailableAsync();
        var silent = new SilentUidCard();
        var inserted = await VpcdCard.InsertAsync(silent);
        await silent.Silent.WaitAsync(TimeSpan.FromSeconds(20));

        var clock = Stopwatch.StartNew();
        await reader.DisposeAsync();
        var disposedAfter = clock.Elapsed;
        await recorder.DisposeAsync();
        silent.Pull();
        await inserted.Closed;

        output.WriteLine($"dispose during the hang took {disposedAfter.TotalMilliseconds:F0} ms");
        Assert.True(disposedAfter < TimeSpan.FromSeconds(10), $"dispose took {disposedAfter.TotalMilliseconds:F0} ms");
        Assert.Null(recorder.Failure);
    }
}
