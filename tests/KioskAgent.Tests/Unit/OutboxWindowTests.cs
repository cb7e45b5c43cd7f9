using KioskAgent.CentralLink;
using KioskAgent.Journal;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class OutboxWindowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static JournalEntry Entry(long sequence) => new(sequence, $"id-{sequence}", "card_tap", T0, "{}");

    /// <summary>Jitter pinned to its middle (factor 1.0) so the doubling is visible.</summary>
    private static OutboxWindow Window(int max = 3) => new(max, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60), () => 0.5);

    [Fact]
    public void Sent_FillsTheWindow_UpToItsSize_AndMovesTheCursor()
    {
        var window = Window(max: 2);

        window.Sent(Entry(1), T0);
        window.Sent(Entry(2), T0);

        Assert.Equal(0, window.Free);
        Assert.Equal(2, window.Cursor);
    }

    [Fact]
    public void Settled_FreesAPlace()
    {
        var window = Window(max: 2);
        window.Sent(Entry(1), T0);
        window.Sent(Entry(2), T0);

        Assert.True(window.Settled(1));

        Assert.Equal(1, window.Free);
        Assert.False(window.Settled(1));
    }

    [Fact]
    public void Due_AfterTheAckTimeout_AndEachResendWaitsTwiceAsLong_UpToTheCap()
    {
        var window = Window();
        window.Sent(Entry(1), T0);
        Assert.Empty(window.Due(T0.AddSeconds(9.9)));
        Assert.Single(window.Due(T0.AddSeconds(10)));

        var t = T0.AddSeconds(10);
        window.Sent(Entry(1), t);
        Assert.Equal(t.AddSeconds(20), window.NextDue);
        window.Sent(Entry(1), t);
        Assert.Equal(t.AddSeconds(40), window.NextDue);
        window.Sent(Entry(1), t);
        Assert.Equal(t.AddSeconds(60), window.NextDue);
        Assert.Equal(4, window.Attempts(1));
    }

    [Theory]
    [InlineData(0.0, 8.0)]
    [InlineData(1.0, 12.0)]
    public void AckTimeout_IsJitteredByTwentyPercent(double random, double expectedSeconds)
    {
        var window = new OutboxWindow(3, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60), () => random);

        window.Sent(Entry(1), T0);

        Assert.Equal(T0.AddSeconds(expectedSeconds), window.NextDue);
    }

    [Fact]
    public void Reset_ForgetsEverythingInFlight_SoItIsSentAgainFromTheStart()
    {
        var window = Window();
        window.Sent(Entry(1), T0);
        window.Sent(Entry(2), T0);

        window.Reset();

        Assert.Equal(0, window.Cursor);
        Assert.Equal(3, window.Free);
        Assert.Null(window.NextDue);
    }
}
