using KioskAgent.Central.Fleet.Load;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit.Fleet;

[Trait("Category", TestCategories.Unit)]
public sealed class PendingTransactionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private readonly PendingTransactions _outbox = new();

    private Transaction Add(double seconds = 0) => _outbox.Add(new Transaction { Id = Guid.CreateVersion7().ToString() }, T0.AddSeconds(seconds));

    [Fact]
    public void Add_NumbersTransactionsGapFreeFromOne()
    {
        Assert.Equal([1UL, 2UL, 3UL], new[] { Add(), Add(), Add() }.Select(t => t.Sequence));
    }

    [Fact]
    public void Acknowledge_ContiguousSequence_SettlesEverythingUpToIt_WithLatencyFromTheFirstSend()
    {
        Add();
        Add();
        Add();
        _outbox.MarkSent(1, T0.AddSeconds(1));
        _outbox.MarkSent(1, T0.AddSeconds(5));
        _outbox.MarkSent(2, T0.AddSeconds(2));

        var latencies = _outbox.Acknowledge(new TransactionAck { ContiguousSequence = 2 }, T0.AddSeconds(6));

        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(4)], latencies);
        Assert.Equal(1, _outbox.Count);
    }

    [Fact]
    public void Acknowledge_ByIdAheadOfAGap_SettlesOnlyThatOne()
    {
        Add();
        var second = Add();
        _outbox.MarkSent(2, T0);

        var latencies = _outbox.Acknowledge(new TransactionAck { Results = { new TransactionResult { Id = second.Id, Sequence = 2, Outcome = TransactionOutcome.Accepted } } }, T0.AddSeconds(1));

        Assert.Single(latencies);
        Assert.Equal([1UL], _outbox.All().Select(t => t.Sequence));
    }

    [Fact]
    public void Acknowledge_ResultWhoseIdDoesNotMatchTheSequence_SettlesNothing()
    {
        Add();

        Assert.Empty(_outbox.Acknowledge(new TransactionAck { Results = { new TransactionResult { Id = "someone-else", Sequence = 1 } } }, T0));
        Assert.Equal(1, _outbox.Count);
    }

    [Fact]
    public void Acknowledge_Repeated_SettlesNothingTheSecondTime()
    {
        Add();
        _outbox.Acknowledge(new TransactionAck { ContiguousSequence = 1 }, T0);

        Assert.Empty(_outbox.Acknowledge(new TransactionAck { ContiguousSequence = 1 }, T0));
    }

    [Fact]
    public void Due_IsWhatWasNeverSentOrWaitedLongerThanTheAckTimeout()
    {
        Add();
        Add();
        Add();
        _outbox.MarkSent(1, T0);
        _outbox.MarkSent(2, T0.AddSeconds(8));

        var due = _outbox.Due(T0.AddSeconds(10), TimeSpan.FromSeconds(10));

        Assert.Equal([1UL, 3UL], due.Select(t => t.Sequence));
    }

    [Fact]
    public void MarkSent_CountsAttempts_AndIsZeroOnceSettled()
    {
        Add();

        Assert.Equal(1, _outbox.MarkSent(1, T0));
        Assert.Equal(2, _outbox.MarkSent(1, T0));
        _outbox.Acknowledge(new TransactionAck { ContiguousSequence = 1 }, T0);
        Assert.Equal(0, _outbox.MarkSent(1, T0));
    }
}
