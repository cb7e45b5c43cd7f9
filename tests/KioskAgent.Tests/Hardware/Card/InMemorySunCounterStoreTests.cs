using KioskAgent.Hardware.Card.Ntag424;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.Card;

[Trait("Category", TestCategories.Unit)]
public sealed class InMemorySunCounterStoreTests
{
    private static readonly CardUid Card = CardUid.Parse("04DE5F1EACC040");
    private readonly InMemorySunCounterStore _store = new();

    [Fact]
    public void TryAdvance_NewCard_AcceptsAnyCounterIncludingZero()
    {
        Assert.True(_store.TryAdvance(Card, 0));
    }

    [Fact]
    public void TryAdvance_HigherCounter_AcceptsAndRemembers()
    {
        _store.TryAdvance(Card, 10);

        var accepted = _store.TryAdvance(Card, 11);

        Assert.True(accepted);
        Assert.Equal(11, _store.LastCounter(Card));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(9)]
    public void TryAdvance_EqualOrLowerCounter_RefusesAndKeepsLast(int counter)
    {
        _store.TryAdvance(Card, 10);

        var accepted = _store.TryAdvance(Card, counter);

        Assert.False(accepted);
        Assert.Equal(10, _store.LastCounter(Card));
    }

    [Fact]
    public void TryAdvance_OtherCard_HasItsOwnCounter()
    {
        _store.TryAdvance(Card, 10);

        var accepted = _store.TryAdvance(CardUid.Parse("04000000000001"), 1);

        Assert.True(accepted);
    }

    [Fact]
    public void TryAdvance_ConcurrentSameCounter_ExactlyOneAccepted()
    {
        var results = new bool[64];

        Parallel.For(0, results.Length, i => results[i] = _store.TryAdvance(Card, 7));

        Assert.Single(results, accepted => accepted);
    }
}
