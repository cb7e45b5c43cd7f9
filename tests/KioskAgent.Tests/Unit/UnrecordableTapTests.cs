using KioskAgent.Api;
using KioskAgent.Contracts.V1;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hosting;
using KioskAgent.Journal;
using KioskAgent.Members;
using KioskAgent.Screen;
using KioskAgent.Taps;
using KioskAgent.Tests.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit;

/// <summary>A tap the journal cannot record is refused: what the screen shows must be able to reach central.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class UnrecordableTapTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private readonly string _directory = TestPaths.NewTempDirectory("unrecordable");
    private readonly FakeTimeProvider _time = new(T0);
    private readonly MemberCache _members;
    private readonly TransactionJournal _journal;
    private readonly ScreenBroadcaster _screen;
    private readonly TapCounters _counters = new();
    private readonly OfflineLiveView _live;
    private readonly MemberTapHandler _handler;

    public UnrecordableTapTests()
    {
        _members = new MemberCache(_directory, MemberRecords.Secret);
        _members.Import(MemberRecords.Batch(MemberRecords.Member("M1", "04A1B2C3")), T0);
        _journal = new TransactionJournal(Path.Combine(_directory, TransactionJournal.FileName), new KioskOptions { KioskId = "k1", SiteId = "s1" }, _time);
        _screen = new ScreenBroadcaster(Options.Create(new ScreenOptions()), _time);
        var calendar = new SiteCalendar(Options.Create(new KioskOptions { KioskId = "k1", SiteId = "s1", TimeZone = "Asia/Shanghai" }), _time);
        _live = new OfflineLiveView(_members, _screen, _journal, _time);
        _handler = new MemberTapHandler(new MemberLookup(_members), _journal, _screen, _live.View, _counters, calendar, [], NullLogger<MemberTapHandler>.Instance);
    }

    [Fact]
    public async Task JournalFull_TheTapIsRefusedWithAClearReason_AndTheAgentIsUnhealthy()
    {
        await _handler.HandleReadFailureAsync("r1", "uid_read_failed", T0, CancellationToken.None);
        _journal.CapAtCurrentSizeForTesting();
        await JournalFill.UntilFullAsync(_journal, T0);

        var outcome = await _handler.HandleAsync(MemberTap("04A1B2C3"), CancellationToken.None);

        Assert.False(outcome.Accepted);
        Assert.Equal("journal_unavailable", outcome.ReasonCode);
        Assert.Equal(Contracts.V1.Screen.ViewOneofCase.Refusal, _screen.Current.ViewCase);
        Assert.Equal("journal_unavailable", _screen.Current.Refusal.ReasonCode);
        Assert.Equal("", _screen.Current.Refusal.TransactionId);
        Assert.Equal(1, _counters.Get("taps.refused.journal_unavailable"));
        var health = await new JournalHealthCheck(_journal).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Contains("disk_full", health.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMemberCacheFoundDamaged_TheTapIsAnsweredTryAgain_NotCardUnknown_AndJournaled()
    {
        // The member's row no longer opens (a damaged record): the cache drops its data and awaits central's.
        using (var db = new SqliteConnection($"Data Source={Path.Combine(_directory, MemberCache.FileName)};Pooling=False"))
        {
            db.Open();
            using var update = db.CreateCommand();
            update.CommandText = "UPDATE members SET record = zeroblob(60);";
            update.ExecuteNonQuery();
        }

        var outcome = await _handler.HandleAsync(MemberTap("04A1B2C3"), CancellationToken.None);

        Assert.False(outcome.Accepted);
        Assert.Equal("member_data_unavailable", outcome.ReasonCode);
        Assert.Equal("member_data_unavailable", _screen.Current.Refusal.ReasonCode);
        Assert.NotEqual("", _screen.Current.Refusal.TransactionId);
        Assert.Equal(1, await _journal.PendingCountAsync());
        Assert.True(_members.AwaitingData);
        Assert.Equal(0UL, _members.State.Version);
    }

    public void Dispose()
    {
        _live.Dispose();
        _journal.Dispose();
        _members.Dispose();
        _screen.Dispose();
        _counters.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static Tap MemberTap(string uid) =>
        new("r1", Devices.CardReaderRole.Member, new CardPresented("r1", CardUid.Parse(uid), CardTechnology.MifareClassic1K, T0), Identity.CardIdentityResult.Ok(new Identity.CardIdentity(Identity.CardIdentityMode.UidOnly, CardUid.Parse(uid), null)));


}
