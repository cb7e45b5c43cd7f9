using KioskAgent.Contracts.V1;
using KioskAgent.Members;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class MemberSnapshotTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly string _directory = TestPaths.NewTempDirectory("members");

    private MemberCache Open() => new(_directory, MemberRecords.Secret);

    private static MemberBatch Levels(params string[] codes)
    {
        var batch = new MemberBatch();
        batch.Levels.AddRange(codes.Select((c, i) => new LevelRecord { Code = c, Name = c, Rank = i }));
        return batch;
    }

    [Fact]
    public void ReplaceAll_ReplacesEveryMember_AndRecordsTheSnapshot()
    {
        using var cache = Open();
        cache.Import(MemberRecords.Batch(MemberRecords.Member("OLD", "01")), T0);

        cache.ReplaceAll([MemberRecords.Batch(MemberRecords.Member("M1", "11")), MemberRecords.Batch(MemberRecords.Member("M2", "12"))], 42, "snap-42", T0.AddHours(1));

        Assert.Null(cache.FindByMemberNumber("OLD"));
        Assert.Null(cache.FindByCardUid("01"));
        Assert.Equal("M2", cache.FindByCardUid("12")?.MemberNumber);
        Assert.Equal(new MemberCacheState(42, "snap-42", T0.AddHours(1), 2), cache.State);
        Assert.False(File.Exists(Path.Combine(_directory, MemberCache.NextFileName)));
    }

    [Fact]
    public void BeginSnapshot_LiveDataServesLookupsUntilCommit()
    {
        using var cache = Open();
        cache.ReplaceAll([MemberRecords.Batch(MemberRecords.Member("OLD", "01"))], 1, "snap-1", T0);

        using var writer = cache.BeginSnapshot("snap-2", 2);
        writer.Add(MemberRecords.Batch(MemberRecords.Member("NEW", "02")));

        Assert.Equal("OLD", cache.FindByCardUid("01")?.MemberNumber);
        Assert.Null(cache.FindByCardUid("02"));
        Assert.Equal(1UL, cache.State.Version);

        writer.Commit(T0);

        Assert.Null(cache.FindByCardUid("01"));
        Assert.Equal("NEW", cache.FindByCardUid("02")?.MemberNumber);
        Assert.Equal(2UL, cache.State.Version);
    }

    [Fact]
    public void Dispose_WithoutCommit_DiscardsTheNewFile_AndKeepsTheLiveData()
    {
        using var cache = Open();
        cache.ReplaceAll([MemberRecords.Batch(MemberRecords.Member("OLD", "01"))], 1, "snap-1", T0);

        using (var writer = cache.BeginSnapshot("snap-2", 2))
        {
            writer.Add(MemberRecords.Batch(MemberRecords.Member("NEW", "02")));
        }

        Assert.Equal("OLD", cache.FindByCardUid("01")?.MemberNumber);
        Assert.Equal(1UL, cache.State.Version);
        Assert.Empty(Directory.GetFiles(_directory, "members.next*"));
    }

    [Fact]
    public void Add_CardUidOfAnEarlierChunk_ThrowsWithThePosition_AndTheWriterStaysUsable()
    {
        using var cache = Open();
        using var writer = cache.BeginSnapshot("snap-1", 1);
        writer.Add(MemberRecords.Batch(MemberRecords.Member("M1", "01")));

        var error = Assert.Throws<MemberDataException>(() => writer.Add(MemberRecords.Batch(MemberRecords.Member("M2", "02"), MemberRecords.Member("M3", "01"))));
        writer.Add(MemberRecords.Batch(MemberRecords.Member("M4", "04")));
        writer.Commit(T0);

        var problem = Assert.Single(error.Problems);
        Assert.Equal((1, "cards[0].uid"), (problem.Index, problem.Field));
        Assert.Null(cache.FindByMemberNumber("M2"));
        Assert.Equal(2, cache.State.MemberCount);
    }

    [Fact]
    public void Add_ABigChunkWithOneCollidingMember_WritesNoneOfIt_AndTheWriterStaysUsable()
    {
        using var cache = Open();
        using var writer = cache.BeginSnapshot("snap-1", 1);
        writer.Add(MemberRecords.Batch(MemberRecords.Member("A1", "AA01")));
        var big = Enumerable.Range(0, 600).Select(i => MemberRecords.Member($"B{i}", $"BB{i:X4}")).ToArray();
        big[450].Cards.Add(new CardRecord { Uid = "AA01", State = MemberCardState.Active });

        var error = Assert.Throws<MemberDataException>(() => writer.Add(MemberRecords.Batch(big)));
        big[450].Cards.RemoveAt(1);
        writer.Add(MemberRecords.Batch(big));
        writer.Commit(T0);

        var problem = Assert.Single(error.Problems);
        Assert.Equal((450, "cards[1].uid"), (problem.Index, problem.Field));
        Assert.Contains("A1", problem.Message, StringComparison.Ordinal);
        Assert.Equal(601, cache.State.MemberCount);
        Assert.Equal("B599", cache.FindByCardUid("BB0257")?.MemberNumber);
        Assert.Equal("A1", cache.FindByCardUid("AA01")?.MemberNumber);
        Assert.Equal(601, Enumerable.Range(0, 600).Count(i => cache.FindByMemberNumber($"B{i}") is not null) + 1);
    }

    [Fact]
    public void Add_MemberNumberOfAnEarlierChunk_Throws()
    {
        using var cache = Open();
        using var writer = cache.BeginSnapshot("snap-1", 1);
        writer.Add(MemberRecords.Batch(MemberRecords.Member("M1", "01")));

        var error = Assert.Throws<MemberDataException>(() => writer.Add(MemberRecords.Batch(MemberRecords.Member("M1", "02"))));

        Assert.Equal("member_number", Assert.Single(error.Problems).Field);
    }

    [Fact]
    public void Commit_LevelsInALaterChunk_AreKnownToEarlierMembers()
    {
        using var cache = Open();
        var gold = MemberRecords.Member("M1", "01");
        gold.Level = "gold";

        cache.ReplaceAll([MemberRecords.Batch(gold), Levels("std", "gold")], 1, "snap-1", T0);

        Assert.Equal(["std", "gold"], cache.Levels().Select(l => l.Code));
    }

    [Fact]
    public void Commit_UnknownLevelCode_Throws_AndTheLiveCacheIsUnchanged()
    {
        using var cache = Open();
        cache.ReplaceAll([MemberRecords.Batch(MemberRecords.Member("OLD", "01"))], 1, "snap-1", T0);
        var member = MemberRecords.Member("M1", "02");
        member.Level = "platinum";

        var error = Assert.Throws<MemberDataException>(() => cache.ReplaceAll([MemberRecords.Batch(member), Levels("std")], 2, "snap-2", T0));

        Assert.Contains("platinum", Assert.Single(error.Problems).Message, StringComparison.Ordinal);
        Assert.Equal("OLD", cache.FindByCardUid("01")?.MemberNumber);
        Assert.Equal(1UL, cache.State.Version);
    }

    [Fact]
    public void BeginSnapshot_Again_SupersedesTheUnfinishedWriter()
    {
        using var cache = Open();
        using var first = cache.BeginSnapshot("snap-1", 1);
        first.Add(MemberRecords.Batch(MemberRecords.Member("M1", "01")));

        using var second = cache.BeginSnapshot("snap-2", 2);
        second.Add(MemberRecords.Batch(MemberRecords.Member("M2", "02")));

        Assert.Throws<InvalidOperationException>(() => first.Commit(T0));
        second.Commit(T0);
        Assert.Equal(new MemberCacheState(2, "snap-2", T0, 1), cache.State);
    }

    [Fact]
    public void Start_WithALeftoverSnapshotFile_DiscardsIt_AndKeepsTheLiveData()
    {
        using (var cache = Open())
        {
            cache.ReplaceAll([MemberRecords.Batch(MemberRecords.Member("OLD", "01"))], 1, "snap-1", T0);
        }

        // What a crash before the rename leaves: a next file beside the live one.
        File.Copy(Path.Combine(_directory, MemberCache.FileName), Path.Combine(_directory, MemberCache.NextFileName));

        using var reopened = Open();
        Assert.Equal("OLD", reopened.FindByCardUid("01")?.MemberNumber);
        Assert.False(File.Exists(Path.Combine(_directory, MemberCache.NextFileName)));
    }

    [Fact]
    public async Task Lookups_DuringSnapshotsAndDeltas_AlwaysSeeACompleteVersion()
    {
        using var cache = Open();
        cache.ReplaceAll([MemberRecords.Batch(MemberRecords.Member("M1", "01"))], 1, "snap-1", T0);
        using var stop = new CancellationTokenSource();
        var misses = 0;
        var lookups = 0;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var member = cache.FindByCardUid("01");
                if (member is null || member.Points < 100)
                {
                    Interlocked.Increment(ref misses);
                }

                Interlocked.Increment(ref lookups);
            }
        });

        // Writes begin once lookups run, so the two overlap.
        SpinWait.SpinUntil(() => Volatile.Read(ref lookups) > 0);
        for (ulong version = 2; version < 30; version++)
        {
            var member = MemberRecords.Member("M1", "01");
            member.Points = 100 + (long)version;
            if (version % 5 == 0)
            {
                cache.ReplaceAll([MemberRecords.Batch(member)], version, $"snap-{version}", T0);
            }
            else
            {
                Assert.Equal(DeltaResult.Applied, cache.ApplyDelta(MemberRecords.Delta(version, member), T0));
            }
        }

        stop.Cancel();
        await reader;
        Assert.Equal(0, misses);
        Assert.True(lookups > 0);
        Assert.Equal(129, cache.FindByCardUid("01")!.Points);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
