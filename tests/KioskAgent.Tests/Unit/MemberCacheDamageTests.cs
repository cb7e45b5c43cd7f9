using System.Globalization;
using KioskAgent.Contracts.V1;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Identity;
using KioskAgent.Members;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

/// <summary>
/// A member cache file with damaged pages (issue 11, finding 5): found by the check after open and by
/// lookups and writes that meet it, replaced by an empty cache at version 0 (which the sync engine
/// re-syncs), and never an exception out of a lookup.
/// </summary>
[Trait("Category", TestCategories.Unit)]
public sealed class MemberCacheDamageTests : IDisposable
{
    private const int Members = 3_000;
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly string _directory = TestPaths.NewTempDirectory("members-damage");

    private string LivePath => Path.Combine(_directory, MemberCache.FileName);

    private static string Uid(int i) => string.Create(CultureInfo.InvariantCulture, $"04{i:X12}");

    private static string Number(int i) => string.Create(CultureInfo.InvariantCulture, $"M{i:D7}");

    private static IEnumerable<MemberBatch> Batches() =>
        Enumerable.Range(0, Members).Chunk(500).Select(chunk => MemberRecords.Batch([.. chunk.Select(i => MemberRecords.Member(Number(i), Uid(i)))]));

    /// <summary>A cache of <see cref="Members"/> members at version 10, as central's snapshot left it, closed.</summary>
    private void Fill()
    {
        using var cache = new MemberCache(_directory, MemberRecords.Secret);
        cache.ReplaceAll(Batches(), 10, "snap-10", T0);
    }

    [Fact]
    public void ASoundFile_PassesItsCheck_AndKeepsItsData()
    {
        Fill();
        using var cache = new MemberCache(_directory, MemberRecords.Secret);

        Assert.Null(cache.CheckIntegrity());

        Assert.Equal(10UL, cache.State.Version);
        Assert.Null(cache.RebuiltBecause);
        Assert.False(cache.AwaitingData);
        Assert.Equal(Number(1234), cache.FindByCardUid(Uid(1234))?.MemberNumber);
    }

    [Fact]
    public void ThreeTimesTwoKilobytesOverwrittenMidFile_FailTheCheck_AndTheCacheIsRebuiltEmptyAtVersion0()
    {
        Fill();
        SqlitePageDamage.OverwriteMiddle(LivePath, count: 3, bytes: 2048);
        using var cache = new MemberCache(_directory, MemberRecords.Secret);

        var problem = cache.CheckIntegrity();

        Assert.NotNull(problem);
        Assert.Equal(MemberCacheState.Empty, cache.State);
        Assert.Equal("damaged", cache.RebuiltBecause);
        Assert.NotNull(cache.RebuiltAt);
        Assert.Equal(1, cache.Rebuilds["damaged"]);
        Assert.True(cache.AwaitingData);
        Assert.Null(cache.CheckIntegrity());
    }

    [Fact]
    public void WhileAwaitingData_ALookupThatFindsNobody_IsMemberDataUnavailable_UntilASnapshotComes()
    {
        Fill();
        SqlitePageDamage.OverwriteMiddle(LivePath);
        using var cache = new MemberCache(_directory, MemberRecords.Secret);
        cache.CheckIntegrity();
        var lookup = new MemberLookup(cache);
        var card = new CardIdentity(CardIdentityMode.UidOnly, CardUid.Parse(Uid(7)), null);

        Assert.Throws<MemberDataUnavailableException>(() => lookup.Find(card));

        cache.ReplaceAll(Batches(), 11, "snap-11", T0);
        Assert.False(cache.AwaitingData);
        Assert.Equal(Number(7), lookup.Find(card)?.MemberNumber);
        Assert.Null(lookup.Find(new CardIdentity(CardIdentityMode.UidOnly, CardUid.Parse("04FFFFFFFFFFFF"), null)));
    }

    [Fact]
    public void LookupsThatMeetDamagedPages_NeverThrow_AndTheFirstOneRebuildsTheCache()
    {
        Fill();
        SqlitePageDamage.OverwritePages(LivePath, 0.3, 0.7);
        using var cache = new MemberCache(_directory, MemberRecords.Secret);

        var found = 0;
        for (var i = 0; i < Members; i += 7)
        {
            found += cache.FindByCardUid(Uid(i)) is null ? 0 : 1;
        }

        Assert.Equal("damaged", cache.RebuiltBecause);
        Assert.Equal(1, cache.Rebuilds["damaged"]);
        Assert.Equal(0UL, cache.State.Version);
        Assert.True(cache.AwaitingData);
        Assert.True(found < Members / 7, $"{found} found");
        Assert.Empty(cache.Levels());
        Assert.Null(cache.CheckIntegrity());
    }

    [Fact]
    public void ADeltaOnADamagedFile_AppliesNothing_IsAGap_AndTheCacheIsRebuilt()
    {
        Fill();
        SqlitePageDamage.OverwritePages(LivePath, 0.2, 0.9);
        using var cache = new MemberCache(_directory, MemberRecords.Secret);
        var delta = MemberRecords.Delta(11, [.. Enumerable.Range(0, Members).Where(i => i % 10 == 0).Select(i => MemberRecords.Member(Number(i), Uid(i)))]);

        Assert.Equal(DeltaResult.Gap, cache.ApplyDelta(delta, T0));

        Assert.Equal("damaged", cache.RebuiltBecause);
        Assert.Equal(0UL, cache.State.Version);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
