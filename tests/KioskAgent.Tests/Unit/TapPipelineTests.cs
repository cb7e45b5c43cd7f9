using KioskAgent.Devices;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hosting;
using KioskAgent.Identity;
using KioskAgent.Journal;
using KioskAgent.Members;
using KioskAgent.Screen;
using KioskAgent.Staff;
using KioskAgent.Taps;
using KioskAgent.Tests.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class TapPipelineTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private readonly string _directory = TestPaths.NewTempDirectory("taps");
    private readonly FakeTimeProvider _time = new(T0);
    private readonly MemberCache _members;
    private readonly TransactionJournal _journal;
    private readonly ScreenBroadcaster _screen;
    private readonly TapCounters _counters = new();
    private readonly StaffTapRouter _staffTaps = new();
    private readonly OfflineLiveView _live;
    private readonly TapPipeline _pipeline;
    private readonly CardReaderOptions _memberReader = new() { Id = "r1", Kind = "Simulated", Role = "Member" };
    private readonly CardReaderOptions _staffReader = new() { Id = "s1", Kind = "Simulated", Role = "Staff" };

    public TapPipelineTests()
    {
        _members = new MemberCache(_directory, MemberRecords.Secret);
        _journal = new TransactionJournal(Path.Combine(_directory, TransactionJournal.FileName), new KioskOptions { KioskId = "k1", SiteId = "s1" });
        _screen = new ScreenBroadcaster(new FixedOptionsMonitor<ScreenOptions>(new ScreenOptions()), _time);
        var calendar = new SiteCalendar(Options.Create(new KioskOptions { KioskId = "k1", SiteId = "s1", TimeZone = "Asia/Shanghai" }), _time);
        _live = new OfflineLiveView(_members, _screen, _journal, _time);
        var handler = new MemberTapHandler(new MemberLookup(_members), _journal, _screen, _live.View, _counters, calendar, [], NullLogger<MemberTapHandler>.Instance);
        var resolver = new CardIdentityResolver(Options.Create(new CardIdentityOptions { Mode = CardIdentityMode.UidOnly }), new KioskAgent.Hardware.Card.Ntag424.InMemorySunCounterStore());
        _pipeline = new TapPipeline(resolver, handler, _staffTaps, _counters, new TapDebouncer(TimeSpan.FromMilliseconds(300)), new KioskAgent.Devices.Health.DeviceHealthRegistry(_time), NullLogger<TapPipeline>.Instance);
        var gold = MemberRecords.Member("M1", "04A1B2C3");
        gold.Level = "金卡";
        gold.BalanceMinor = 1_288_050;
        gold.Points = 36_520;
        var lost = MemberRecords.Member("M2", "DEADBEEF");
        lost.Name = "赵四";
        lost.Phone = "";
        lost.Cards[0].State = KioskAgent.Contracts.V1.MemberCardState.Lost;
        _members.Import(MemberRecords.Batch(gold, lost), T0);
    }

    private static CardPresented Present(string uid, string reader = "r1", double ms = 0) => new(reader, CardUid.Parse(uid), CardTechnology.MifareClassic1K, T0.AddMilliseconds(ms));

    [Fact]
    public async Task StaffFeatureHoldingTheReaders_TakesMemberTaps_AndGivesThemBackWhenReleased()
    {
        var consumer = new RecordingConsumer();
        using (_staffTaps.Take(consumer))
        {
            await _pipeline.HandleAsync(_memberReader, Present("04a1b2c3"), CancellationToken.None);
        }

        Assert.Equal("04A1B2C3", Assert.Single(consumer.Taps).Card.Uid.ToString());
        Assert.Empty(await _journal.PendingAsync(10));
        Assert.Null(_staffTaps.Current);

        await _pipeline.HandleAsync(_memberReader, Present("DEADBEEF", ms: 1_000), CancellationToken.None);
        Assert.Single(consumer.Taps);
        Assert.Equal("card_lost", _screen.Current.Refusal.ReasonCode);
    }

    [Fact]
    public void LaterClaim_ReplacesTheEarlier_AndReleasingTheEarlierKeepsTheLater()
    {
        var first = new RecordingConsumer();
        var second = new RecordingConsumer();
        var firstClaim = _staffTaps.Take(first);
        using var secondClaim = _staffTaps.Take(second);
        firstClaim.Dispose();
        Assert.Same(second, _staffTaps.Current);
    }

    private sealed class RecordingConsumer : IStaffTapConsumer
    {
        public List<Tap> Taps { get; } = [];

        public string Name => "recording";

        public Task HandleTapAsync(Tap tap, CancellationToken cancellationToken)
        {
            Taps.Add(tap);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task KnownActiveCard_IsJournaledThenShownMasked()
    {
        await _pipeline.HandleAsync(_memberReader, Present("04a1b2c3"), CancellationToken.None);

        var pending = Assert.Single(await _journal.PendingAsync(10));
        var view = _screen.Current.Member;
        Assert.Equal("王*明", view.MaskedName);
        Assert.Equal(1_288_050, view.Balance.AmountMinor);
        Assert.Equal(36_520, view.Points);
        Assert.Equal(pending.Id, view.TransactionId);
        Assert.DoesNotContain("王小明", pending.Payload, StringComparison.Ordinal);
        Assert.Equal(1, _counters.Get("taps.accepted"));
    }

    [Fact]
    public async Task KnownActiveCard_ShowsLevelProgressExpiringPointsAndBirthdayWeek()
    {
        // T0 is 22 November 2026 (18:00 in Shanghai): birthday on the 24th is in the week; 500 points expire on 10 December.
        var batch = MemberRecords.Batch(BirthdayMember());
        batch.Levels.Add(new KioskAgent.Contracts.V1.LevelRecord { Code = "silver", Name = "银卡", Rank = 1, ThresholdPoints = 5_000 });
        batch.Levels.Add(new KioskAgent.Contracts.V1.LevelRecord { Code = "gold", Name = "金卡", Rank = 2, ThresholdPoints = 20_000 });
        _members.Import(batch, T0);

        await _pipeline.HandleAsync(_memberReader, Present("0A0B0C0D"), CancellationToken.None);

        var view = _screen.Current.Member;
        Assert.Equal("银卡", view.Progress.CurrentLevel);
        Assert.Equal("金卡", view.Progress.NextLevel);
        Assert.Equal(12_000, view.Progress.PointsToNext);
        Assert.Equal(20u, view.Progress.Percent);
        Assert.Equal(500, view.ExpiringPoints);
        Assert.Equal("2026-12-10", view.ExpiringOn);
        Assert.True(view.BirthdayWeek);
    }

    private static KioskAgent.Contracts.V1.MemberRecord BirthdayMember()
    {
        var m = MemberRecords.Member("M3", "0A0B0C0D");
        m.Level = "silver";
        m.LifetimePoints = 8_000;
        m.Points = 1_500;
        m.Birthday = "1991-11-24";
        m.PointsLots.Add(new KioskAgent.Contracts.V1.PointsLotRecord { Points = 500, ExpiresOn = "2026-12-10" });
        m.PointsLots.Add(new KioskAgent.Contracts.V1.PointsLotRecord { Points = 1_000, ExpiresOn = "2027-06-30" });
        return m;
    }

    [Fact]
    public async Task LostCard_IsRefusedAndStillJournaled()
    {
        await _pipeline.HandleAsync(_memberReader, Present("DEADBEEF"), CancellationToken.None);

        Assert.Equal("card_lost", _screen.Current.Refusal.ReasonCode);
        Assert.Contains("\"refusalReason\": \"card_lost\"", Assert.Single(await _journal.PendingAsync(10)).Payload, StringComparison.Ordinal);
        Assert.Equal(1, _counters.Get("taps.refused.card_lost"));
    }

    [Fact]
    public async Task UnknownCard_IsRefusedAsUnknown_WithMaskedUid()
    {
        await _pipeline.HandleAsync(_memberReader, Present("0102030405"), CancellationToken.None);
        Assert.Equal("card_unknown", _screen.Current.Refusal.ReasonCode);
        Assert.Equal("******0405", _screen.Current.Refusal.MaskedCard);
    }

    [Fact]
    public async Task CardRestingOnTheReader_IsHandledOnce()
    {
        await _pipeline.HandleAsync(_memberReader, Present("04A1B2C3"), CancellationToken.None);
        await _pipeline.HandleAsync(_memberReader, Present("04A1B2C3", ms: 2000), CancellationToken.None);

        Assert.Single(await _journal.PendingAsync(10));
        Assert.Equal(1, _counters.Get("ignored.debounced"));
    }

    [Fact]
    public async Task ReadFailure_IsCountedJournaledAndAsksToTapAgain()
    {
        await _pipeline.HandleAsync(_memberReader, new CardReadFailed("r1", T0, "uid_read_failed", "SW 6A 81"), CancellationToken.None);

        Assert.Equal(1, _counters.Get("read_failures.uid_read_failed"));
        Assert.Equal("card_read_uid_read_failed", _screen.Current.Refusal.ReasonCode);
        Assert.Equal(Contracts.V1.CardFailure.Unreadable, _screen.Current.Refusal.CardFailure);
        Assert.Contains("tap again", _screen.Current.Refusal.Message, StringComparison.Ordinal);
        Assert.Single(await _journal.PendingAsync(10));
    }

    [Fact]
    public async Task StaffReaderTap_IsPublishedWithItsRole_AndNotShownAsAMember()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var taps = _pipeline.SubscribeAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        var next = taps.MoveNextAsync();

        await _pipeline.HandleAsync(_staffReader, Present("04A1B2C3", "s1"), CancellationToken.None);

        Assert.True(await next);
        Assert.Equal(CardReaderRole.Staff, taps.Current.Role);
        Assert.Equal("s1", taps.Current.ReaderId);
        Assert.Equal(Contracts.V1.Screen.ViewOneofCase.Idle, _screen.Current.ViewCase);
        Assert.Empty(await _journal.PendingAsync(10));
    }

    [Fact]
    public async Task TwoReaders_TapsAreTimestampedWithTheirReader()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var taps = _pipeline.SubscribeAsync(cts.Token).GetAsyncEnumerator(cts.Token);

        var first = taps.MoveNextAsync();
        await _pipeline.HandleAsync(_memberReader, Present("04A1B2C3", "r1", 10), CancellationToken.None);
        Assert.True(await first);
        Assert.Equal(("r1", T0.AddMilliseconds(10)), (taps.Current.ReaderId, taps.Current.At));

        var second = taps.MoveNextAsync();
        await _pipeline.HandleAsync(_staffReader, Present("04A1B2C3", "s1", 20), CancellationToken.None);
        Assert.True(await second);
        Assert.Equal(("s1", T0.AddMilliseconds(20)), (taps.Current.ReaderId, taps.Current.At));
    }

    public void Dispose()
    {
        _screen.Dispose();
        _journal.Dispose();
        _members.Dispose();
        _counters.Dispose();
        _live.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
