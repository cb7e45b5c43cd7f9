using KioskAgent.Draws;
using KioskAgent.Draws.Sessions;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit.Draws;

[Trait("Category", TestCategories.Unit)]
public sealed class DrawSessionTests : IDisposable
{
    private static readonly DrawRules Rules = DrawRules.Winners([new DrawTier("一等奖", 1, 1), new DrawTier("二等奖", 2, 2)]);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 2, 0, 0, TimeSpan.Zero));
    private readonly string _directory = TestPaths.NewTempDirectory("draws");

    private static IEnumerable<DrawEntrant> Candidates => Enumerable.Range(1, 12).Select(i => new DrawEntrant($"C{i:D2}", $"会员{i}*"));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Steps_GoForwardOnly_AndTheRecordVerifies()
    {
        var sessions = new DrawSessions(new InMemoryDrawStepStore(), _time);
        var draw = await sessions.StartAsync("d1", Rules, Candidates);

        Assert.Throws<InvalidOperationException>(() => draw.Draw());
        await sessions.CommitAsync(draw);
        Assert.Equal(DrawState.Committed, draw.State);
        Assert.NotNull(draw.Commitment);
        Assert.Null(draw.Record);
        await sessions.StepAsync(draw, draw.AddContribution("7 19 33"));
        Assert.Throws<InvalidOperationException>(() => draw.AddContribution("again"));
        await sessions.StepAsync(draw, draw.Draw());
        Assert.Null(draw.Record); // drawn, but the seed is not revealed yet
        Assert.Throws<InvalidOperationException>(() => draw.Lock());
        await sessions.StepAsync(draw, draw.Reveal());
        await sessions.StepAsync(draw, draw.Lock());

        Assert.Equal(DrawState.Locked, draw.State);
        Assert.Throws<InvalidOperationException>(() => draw.Replace(0, draw.CurrentWinners[0].Id, DrawReplacement.Absent));
        Assert.True(DrawVerifier.Verify(draw.Record!.ToCanonicalJson()).IsValid);
        Assert.Equal(3, draw.Record!.Winners.Count);
    }

    [Fact]
    public async Task Replace_TakesTheNextAlternate_WithAKnownReason()
    {
        var sessions = new DrawSessions(new InMemoryDrawStepStore(), _time);
        var draw = await sessions.StartAsync("d2", Rules, Candidates);
        await sessions.CommitAsync(draw);
        await sessions.StepAsync(draw, draw.Draw());
        var absent = draw.CurrentWinners[1];

        Assert.Throws<InvalidOperationException>(() => draw.Replace(absent.Tier, absent.Id, "went home"));
        Assert.Throws<InvalidOperationException>(() => draw.Replace(absent.Tier, "C99", DrawReplacement.Absent));
        await sessions.StepAsync(draw, draw.Replace(absent.Tier, absent.Id, DrawReplacement.Absent));

        var order = draw.Drawn!.Order;
        Assert.Equal(new DrawWinner(absent.Tier, order[3]), draw.CurrentWinners[1]);
    }

    [Fact]
    public async Task ExcludedEntrants_AreNotInThePool_AndAnEmptyPoolIsRefused()
    {
        var rules = DrawRules.Winners([new DrawTier("奖", 1, 1)], excluded: [new DrawExclusion("C01", DrawExclusion.Staff), new DrawExclusion("C02", DrawExclusion.EarlierWinner)]);
        var sessions = new DrawSessions(new InMemoryDrawStepStore(), _time);

        var draw = await sessions.StartAsync("d3", rules, Candidates);

        Assert.Equal(10, draw.Pool.Count);
        Assert.DoesNotContain(draw.Pool, e => e.Id is "C01" or "C02");
        await Assert.ThrowsAsync<ArgumentException>(() => sessions.StartAsync("d4", rules, Candidates.Take(2)));
    }

    [Fact]
    public async Task SqliteStore_ReopenedMidDraw_ResumesToTheSameWinners()
    {
        var path = Path.Combine(_directory, SqliteDrawStepStore.FileName);
        IReadOnlyList<DrawWinner> before;
        string commitment;
        using (var store = new SqliteDrawStepStore(path))
        {
            var sessions = new DrawSessions(store, _time);
            var draw = await sessions.StartAsync("d5", Rules, Candidates);
            await sessions.CommitAsync(draw);
            commitment = draw.Commitment!.Sha256;
            await sessions.StepAsync(draw, draw.Draw());
            await sessions.StepAsync(draw, draw.Replace(draw.CurrentWinners[0].Tier, draw.CurrentWinners[0].Id, DrawReplacement.Disqualified));
            before = draw.CurrentWinners;
        }

        using (var store = new SqliteDrawStepStore(path))
        {
            var sessions = new DrawSessions(store, _time);
            Assert.Equal(new[] { "d5" }, await store.UnfinishedAsync());
            var resumed = await sessions.ResumeAsync("d5");

            Assert.NotNull(resumed);
            Assert.Equal(DrawState.Drawn, resumed.State);
            Assert.Equal(commitment, resumed.Commitment!.Sha256);
            Assert.Equal(before, resumed.CurrentWinners);
            await sessions.StepAsync(resumed, resumed.Reveal());
            await sessions.StepAsync(resumed, resumed.Lock());
            Assert.Empty(await store.UnfinishedAsync());
            Assert.True(DrawVerifier.Verify(resumed.Record!.ToCanonicalJson()).IsValid);
        }
    }

    [Fact]
    public async Task ResumedAfterCommit_DrawsWithTheCommittedSeed_NeverANewOne()
    {
        var store = new InMemoryDrawStepStore();
        var first = new DrawSessions(store, _time);
        var draw = await first.StartAsync("d6", Rules, Candidates);
        await first.CommitAsync(draw);
        var seedHash = draw.Commitment!.SeedSha256;

        // A second run of the kiosk picks the draw up where the steps left it.
        var second = new DrawSessions(store, _time);
        var resumed = (await second.ResumeAsync("d6"))!;
        Assert.Throws<InvalidOperationException>(() => resumed.Commit(new byte[32]));
        await second.StepAsync(resumed, resumed.Draw());
        await second.StepAsync(resumed, resumed.Reveal());

        Assert.Equal(seedHash, resumed.Record!.Commitment.SeedSha256);
        Assert.Equal(DrawEncoding.Sha256Hex(resumed.Record.Seed), seedHash);
    }

    [Fact]
    public async Task Store_RefusesAStepNumberTwice_SoTwoWritersCannotFork()
    {
        using var store = new SqliteDrawStepStore(Path.Combine(_directory, SqliteDrawStepStore.FileName));
        var sessions = new DrawSessions(store, _time);
        var draw = await sessions.StartAsync("d7", Rules, Candidates);
        var other = DrawSession.Resume(await store.LoadAsync("d7"), _time);
        await sessions.CommitAsync(draw);

        await Assert.ThrowsAsync<InvalidOperationException>(() => sessions.CommitAsync(other));
        Assert.Equal(DrawState.Created, other.State);
    }

    [Fact]
    public void Resume_RejectsForgedSteps()
    {
        var created = DrawSession.Create("d8", Rules, Candidates, _time);
        var session = DrawSession.Resume([created], _time);
        var commit = session.Commit(new byte[32]);
        session.Apply(commit);
        var forged = session.Draw() with { Sequence = 5 };

        Assert.Throws<InvalidOperationException>(() => DrawSession.Resume([created, commit, forged], _time));
        Assert.Throws<InvalidOperationException>(() => DrawSession.Resume([created, commit with { Seed = new byte[16] }], _time));
    }
}
