using KioskAgent.Contracts.V1;
using KioskAgent.MemberSync;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class DeltaSequencerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
    private readonly DeltaSequencer _sequencer;

    public DeltaSequencerTests() => _sequencer = new DeltaSequencer(_time, capacity: 3, keepFor: TimeSpan.FromSeconds(60));

    private static MemberDelta Delta(ulong version) => new() { Version = version };

    [Theory]
    [InlineData(6ul, 5ul, false, DeltaVerdict.Apply)]
    [InlineData(5ul, 5ul, false, DeltaVerdict.AlreadyApplied)]
    [InlineData(3ul, 5ul, true, DeltaVerdict.AlreadyApplied)]
    [InlineData(7ul, 5ul, false, DeltaVerdict.Gap)]
    [InlineData(7ul, 5ul, true, DeltaVerdict.AwaitSnapshot)]
    [InlineData(6ul, 5ul, true, DeltaVerdict.Apply)]
    [InlineData(1ul, 0ul, false, DeltaVerdict.Apply)]
    public void Classify_FollowsTheVersionRule(ulong version, ulong cacheVersion, bool snapshotPending, DeltaVerdict expected) =>
        Assert.Equal(expected, DeltaSequencer.Classify(version, cacheVersion, snapshotPending));

    [Fact]
    public void TakeRunAfter_HeldDeltasFollowingTheSnapshot_ComeOutInOrder()
    {
        _sequencer.Hold(Delta(12));
        _sequencer.Hold(Delta(11));
        _sequencer.Hold(Delta(9));

        var run = _sequencer.TakeRunAfter(10);

        Assert.Equal([11ul, 12ul], run.Select(d => d.Version));
        Assert.Equal(0, _sequencer.Buffered);
    }

    [Fact]
    public void TakeRunAfter_StopsAtAGap_AndKeepsWhatIsBeyondIt()
    {
        _sequencer.Hold(Delta(11));
        _sequencer.Hold(Delta(13));

        var run = _sequencer.TakeRunAfter(10);

        Assert.Equal([11ul], run.Select(d => d.Version));
        Assert.Equal(1, _sequencer.Buffered);
    }

    [Fact]
    public void Hold_WhenFull_RefusesMoreDeltas()
    {
        Assert.True(_sequencer.Hold(Delta(11)));
        Assert.True(_sequencer.Hold(Delta(12)));
        Assert.True(_sequencer.Hold(Delta(13)));

        Assert.False(_sequencer.Hold(Delta(14)));
        Assert.True(_sequencer.Hold(Delta(12)));
        Assert.Equal(3, _sequencer.Buffered);
    }

    [Fact]
    public void TakeRunAfter_HeldTooLong_AreDropped()
    {
        _sequencer.Hold(Delta(11));
        _time.Advance(TimeSpan.FromSeconds(61));

        Assert.Empty(_sequencer.TakeRunAfter(10));
        Assert.Equal(0, _sequencer.Buffered);
    }
}
