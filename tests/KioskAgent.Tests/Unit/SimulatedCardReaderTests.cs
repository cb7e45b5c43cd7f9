using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.CardReaders.Simulated;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class SimulatedCardReaderTests
{
    [Fact]
    public async Task Present_ThenRemove_YieldsPresentedThenRemoved()
    {
        await using var reader = new SimulatedCardReader("r1");
        reader.Present(CardUid.Parse("04A1B2C3"));
        reader.Remove();
        await reader.DisposeAsync();

        var events = new List<CardEvent>();
        await foreach (var e in reader.WatchAsync(CancellationToken.None))
        {
            events.Add(e);
        }

        Assert.Collection(
            events,
            e => Assert.Equal("04A1B2C3", Assert.IsType<CardPresented>(e).Uid.Hex),
            e => Assert.IsType<CardRemoved>(e));
        Assert.All(events, e => Assert.Equal("r1", e.ReaderId));
    }

    [Fact]
    public async Task Present_WhileAnotherCardRests_RemovesTheFirstCardFirst()
    {
        await using var reader = new SimulatedCardReader("r1");
        reader.Present(CardUid.Parse("01"));
        reader.Present(CardUid.Parse("02"));
        await reader.DisposeAsync();

        var kinds = new List<string>();
        await foreach (var e in reader.WatchAsync(CancellationToken.None))
        {
            kinds.Add(e is CardPresented p ? $"+{p.Uid}" : "-");
        }

        Assert.Equal(["+01", "-", "+02"], kinds);
        Assert.Equal("02", reader.PresentCard?.Hex);
    }

    [Fact]
    public void Remove_WithNoCard_DoesNothing()
    {
        var reader = new SimulatedCardReader("r1");
        reader.Remove();
        Assert.Null(reader.PresentCard);
    }
}
