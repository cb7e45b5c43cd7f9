using System.Diagnostics;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.Pcsc;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Pcsc;

namespace KioskAgent.Tests.Hardware.Pcsc;

/// <summary>Stopping a watch: SCardCancel wakes the blocked thread, so it ends at once, not at the next timeout.</summary>
[Collection(PcscCollection.Name)]
[Trait("Category", TestCategories.Integration)]
public sealed class PcscCardReaderLifetimeTests(PcscdFixture pcscd) : IAsyncLifetime
{
    // Far longer than the test's bound: only SCardCancel can end the wait in time.
    private static readonly PcscCardReaderOptions LongWaits = PcscTestReaders.FastRetries with { StatusChangeTimeout = TimeSpan.FromMinutes(5) };

    public Task InitializeAsync() => pcscd.PrepareAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task WatchAsync_Cancelled_EndsPromptly()
    {
        await using var reader = PcscTestReaders.Create(options: LongWaits);
        using var cancel = new CancellationTokenSource();
        var available = new TaskCompletionSource();
        var watch = Task.Run(async () =>
        {
            await foreach (var e in reader.WatchAsync(cancel.Token))
            {
                if (e is ReaderStatusChanged { Available: true })
                {
                    available.TrySetResult();
                }
            }
        });
        await available.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await Task.Delay(200);

        var stopwatch = Stopwatch.StartNew();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watch.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task WatchAsync_AfterCancelledWatch_CanWatchAgain()
    {
        await using var reader = PcscTestReaders.Create(options: LongWaits);
        await using (var first = new CardEventRecorder(reader))
        {
            await first.WaitAvailableAsync();
        }

        await using var second = new CardEventRecorder(reader);
        await second.WaitAvailableAsync();
        await using var card = await VpcdCard.InsertAsync(VirtualUidCard.MifareClassic1K("AB12CD34"));

        Assert.Equal("AB12CD34", (await second.WaitForAsync<CardPresented>()).Uid.Hex);
    }

    [Fact]
    public async Task WatchAsync_SecondConcurrentConsumer_IsRefused()
    {
        await using var reader = PcscTestReaders.Create(options: LongWaits);
        await using var first = new CardEventRecorder(reader);
        await first.WaitAvailableAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var unused in reader.WatchAsync(CancellationToken.None))
            {
            }
        });
    }

    [Fact]
    public async Task DisposeAsync_EndsRunningWatch()
    {
        var reader = PcscTestReaders.Create(options: LongWaits);
        var recorder = new CardEventRecorder(reader);
        await recorder.WaitAvailableAsync();

        var stopwatch = Stopwatch.StartNew();
        await reader.DisposeAsync();
        await recorder.Watch.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"took {stopwatch.Elapsed}");
        Assert.Null(recorder.Failure);
        await recorder.DisposeAsync();
    }
}
