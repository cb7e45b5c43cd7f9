using KioskAgent.Devices;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.CardReaders.Simulated;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class RetryingCardReaderTests
{
    [Fact]
    public async Task WatchAsync_OpenFails_ReportsUnavailable_ThenWorksOnceTheReaderOpens()
    {
        var attempts = 0;
        var inner = new SimulatedCardReader("r1");
        await using var reader = new RetryingCardReader("r1", () => ++attempts < 3 ? throw new IOException("no such device /dev/spidev0.0") : inner, TimeProvider.System, TimeSpan.FromMilliseconds(10));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var events = reader.WatchAsync(cts.Token).GetAsyncEnumerator(cts.Token);

        Assert.True(await events.MoveNextAsync());
        var first = Assert.IsType<ReaderStatusChanged>(events.Current);
        Assert.False(first.Available);
        Assert.Contains("spidev0.0", first.Reason, StringComparison.Ordinal);
        Assert.True(await events.MoveNextAsync());
        Assert.IsType<ReaderStatusChanged>(events.Current);

        inner.Present(CardUid.Parse("01020304"));
        Assert.True(await events.MoveNextAsync());

        Assert.Equal("01020304", Assert.IsType<CardPresented>(events.Current).Uid.Hex);
        Assert.Equal(3, attempts);
    }
}
