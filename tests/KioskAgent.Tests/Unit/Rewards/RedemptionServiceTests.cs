using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using KioskAgent.Devices.Discovery;
using KioskAgent.Devices.Health;
using KioskAgent.Hosting;
using KioskAgent.Journal;
using KioskAgent.Members;
using KioskAgent.Printing;
using KioskAgent.Rewards;
using KioskAgent.Screen;
using KioskAgent.Tests.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit.Rewards;

/// <summary>
/// The redemption steps over real files: the member cache (SQLite), the journal and its holds
/// (SQLite), the agent's screen, with a fake clock and a switchable link to central. No printer.
/// </summary>
[Trait("Category", TestCategories.Unit)]
public sealed class RedemptionServiceTests : IDisposable
{
    // 23:30 on 22 November in Shanghai.
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 15, 30, 0, TimeSpan.Zero);
    private readonly string _directory = TestPaths.NewTempDirectory("redemption");
    private readonly FakeTimeProvider _time = new(T0);
    private readonly Reachability _central = new();
    private readonly RedemptionCounters _counters = new();
    private readonly MemberCache _members;
    private readonly TransactionJournal _journal;
    private readonly RedemptionHoldStore _holds;
    private readonly ScreenBroadcaster _screen;
    private readonly RedemptionSessions _sessions;
    private readonly DeviceManager _devices;
    private readonly RedemptionService _service;

    public RedemptionServiceTests()
    {
        var kiosk = new KioskOptions { KioskId = "k1", SiteId = "s1", TimeZone = "Asia/Shanghai", DataDirectory = _directory };
        _members = new MemberCache(_directory, MemberRecords.Secret);
        var gold = MemberRecords.Member("M1", "04A1B2C3");
        gold.Points = 2_000;
        var silver = MemberRecords.Member("M2", "5A6B7C8D");
        silver.Points = 2_000;
        var batch = MemberRecords.Batch(gold, silver);
        batch.Gifts.Add(new GiftRecord { Code = "mug", Name = "马克杯", PointsPrice = 800, Stock = 1, PerMemberLimit = 2, Active = true });
        batch.Gifts.Add(new GiftRecord { Code = "pen", Name = "笔", PointsPrice = 100, Stock = 10, Active = true });
        _members.Import(batch, T0);
        _journal = new TransactionJournal(Path.Combine(_directory, TransactionJournal.FileName), kiosk, _time);
        _holds = new RedemptionHoldStore(Path.Combine(_directory, TransactionJournal.FileName));
        _screen = new ScreenBroadcaster(Options.Create(new ScreenOptions()), _time);
        _sessions = new RedemptionSessions(_screen);
        _devices = new DeviceManager([], [], new DeviceHealthRegistry(_time), Options.Create(new DiscoveryOptions()), _time, NullLogger<DeviceManager>.Instance);
        var policy = new RedemptionPolicy { OfflineMode = OfflineRedemptionMode.AllowUpToDailyLimit, OfflineDailyPointsLimit = 900, ClearAfterSeconds = 30 };
        _service = new RedemptionService(
            _members, new SiteCalendar(Options.Create(kiosk), _time), _holds, _journal, _screen, _sessions, _central,
            new VoucherPrinting(new ReceiptPrinting(_devices)), _counters, new FixedOptionsMonitor<RedemptionPolicy>(policy), Options.Create(kiosk), _time, NullLogger<RedemptionService>.Instance);
    }

    /// <summary>What the UI does: choose the gift (its confirmation screen shows), then confirm it.</summary>
    private static async Task<RedemptionStep> RedeemAsync(RedemptionService service, string session, string gift)
    {
        var chosen = await service.ChooseGiftAsync(session, gift, CancellationToken.None);
        return chosen.WentAhead ? await service.ConfirmAsync(session, gift, CancellationToken.None) : chosen;
    }

    [Fact]
    public async Task Confirm_WithoutItsConfirmationScreen_IsRefused_AndNothingIsRedeemed()
    {
        var session = Begin("M1", "tap-1");
        Assert.Equal(RedemptionTexts.NotConfirmable, (await _service.ConfirmAsync(session, "mug", CancellationToken.None)).ReasonCode);

        await _service.ChooseGiftAsync(session, "pen", CancellationToken.None);
        Assert.Equal(RedemptionTexts.NotConfirmable, (await _service.ConfirmAsync(session, "mug", CancellationToken.None)).ReasonCode);

        Assert.Empty(await _journal.PendingAsync(10));
        Assert.Equal("", (await _service.ConfirmAsync(session, "pen", CancellationToken.None)).ReasonCode);
        Assert.Equal(RedemptionTexts.NotConfirmable, (await _service.ConfirmAsync(session, "pen", CancellationToken.None)).ReasonCode);
    }

    [Fact]
    public async Task Confirm_JournalsTheRedemptionWithItsHold_AndTheHeldPointsAreNotAvailableAgain()
    {
        var session = Begin("M1", "tap-1");

        var step = await RedeemAsync(_service, session, "mug");

        var entry = Assert.Single(await _journal.PendingAsync(10));
        Assert.Equal((step.TransactionId, "redemption"), (entry.Id, entry.Kind));
        var hold = Assert.Single(_holds.ForMember("M1").All);
        Assert.Equal((entry.Id, 800L, HoldState.Held, false), (hold.TransactionId, hold.Points, hold.State, hold.Offline));
        var sent = Google.Protobuf.JsonParser.Default.Parse<Transaction>(entry.Payload).Redemption;
        Assert.Equal((hold.VoucherCode, hold.HoldId, "M1", "mug", 800L), (sent.VoucherCode, sent.HoldId, sent.MemberNumber, sent.GiftCode, sent.Points));
        var done = _screen.Current.RedemptionDone;
        Assert.Equal((1_200L, VoucherPrintState.NoPrinter), (done.PointsLeft, done.PrintState));
        Assert.Contains(hold.VoucherCode, done.PrintMessage, StringComparison.Ordinal);

        await _service.OpenGiftsAsync(session, CancellationToken.None);
        Assert.Equal(1_200, _screen.Current.GiftList.AvailablePoints);

        var report = new HealthReport();
        new RedemptionHealthContributor(_counters, _holds).Contribute(report);
        Assert.Equal((1L, 800L, 1L, 1L), (report.Counters["redemptions.held"], report.Counters["redemptions.held_points"], report.Counters["redemptions.redeemed"], report.Counters["vouchers.no_printer"]));
    }

    [Fact]
    public async Task Confirm_TakesTheLastPieceOfStock_SoTheNextMemberIsToldItIsGone()
    {
        await RedeemAsync(_service, Begin("M1", "tap-1"), "mug");
        Assert.Equal(0, _members.FindGift("mug")!.Stock);

        var session = Begin("M2", "tap-2");
        var step = await RedeemAsync(_service, session, "mug");

        Assert.Equal("gift_out_of_stock", step.ReasonCode);
        Assert.Equal("gift_out_of_stock", _screen.Current.GiftList.NoticeCode);
        Assert.Empty(_holds.ForMember("M2").All);
    }

    [Fact]
    public async Task Confirm_WhenTheJournalCannotCommit_NothingIsHeld_AndTheStockGoesBack()
    {
        var session = Begin("M1", "tap-1");
        _journal.CapAtCurrentSizeForTesting();
        await JournalFill.UntilFullAsync(_journal, T0);

        var step = await RedeemAsync(_service, session, "mug");

        Assert.Equal(RedemptionTexts.JournalUnavailable, step.ReasonCode);
        Assert.Empty(_holds.ForMember("M1").All);
        Assert.Equal(1, _members.FindGift("mug")!.Stock);
    }

    [Fact]
    public async Task Offline_TheDailyLimitHolds_UntilTheSitesMidnight()
    {
        _central.IsOnline = false;
        var session = Begin("M1", "tap-1");
        Assert.Equal("", (await RedeemAsync(_service, session, "pen")).ReasonCode);

        // 100 + 800 = 900: exactly the daily limit, allowed; one more pen (100) is over it.
        Assert.Equal("", (await RedeemAsync(_service, Begin("M1", "tap-2"), "mug")).ReasonCode);
        var refused = await RedeemAsync(_service, Begin("M1", "tap-3"), "pen");
        Assert.Equal("offline_limit", refused.ReasonCode);

        _time.Advance(TimeSpan.FromMinutes(31)); // 00:01 on 23 November in Shanghai
        Assert.Equal("", (await RedeemAsync(_service, Begin("M1", "tap-4"), "pen")).ReasonCode);
        Assert.All(_holds.ForMember("M1").All, h => Assert.True(h.Offline));
        Assert.Equal((3L, 1L), (_counters.Get("redemptions.redeemed_offline"), _counters.Get("redemptions.refused.offline_limit")));
    }

    [Fact]
    public async Task Offline_WithTheRefusePolicy_NothingIsRedeemed()
    {
        _central.IsOnline = false;
        var strict = new RedemptionService(
            _members, new SiteCalendar(Options.Create(new KioskOptions()), _time), _holds, _journal, _screen, _sessions, _central,
            new VoucherPrinting(new ReceiptPrinting(_devices)), _counters, new FixedOptionsMonitor<RedemptionPolicy>(new RedemptionPolicy()), Options.Create(new KioskOptions { SiteId = "s1" }), _time, NullLogger<RedemptionService>.Instance);

        var step = await RedeemAsync(strict, Begin("M1", "tap-1"), "pen");

        Assert.Equal("offline_refused", step.ReasonCode);
        Assert.Empty(await _journal.PendingAsync(10));
        strict.Dispose();
    }

    [Fact]
    public async Task Steps_OfASessionWhoseScreenCleared_OrWasReplacedByAnotherTap_AreRefused()
    {
        var first = Begin("M1", "tap-1");
        Begin("M2", "tap-2");
        Assert.Equal(RedemptionStep.Expired, await _service.OpenGiftsAsync(first, CancellationToken.None));

        var second = "tap-2";
        _time.Advance(TimeSpan.FromSeconds(new ScreenOptions().ClearAfterSeconds));
        Assert.Equal(RedemptionStep.Expired, await RedeemAsync(_service, second, "pen"));
        Assert.Empty(await _journal.PendingAsync(10));
    }

    [Fact]
    public async Task Choose_ShowsTheConfirmation_AndLeaveGoesBackToTheMemberWithThePointsLeft()
    {
        var session = Begin("M1", "tap-1");
        await _service.ChooseGiftAsync(session, "mug", CancellationToken.None);
        Assert.Equal((2_000L, 1_200L), (_screen.Current.RedemptionConfirm.PointsBefore, _screen.Current.RedemptionConfirm.PointsAfter));

        await RedeemAsync(_service, session, "mug");
        await _service.LeaveAsync(session, finish: false, CancellationToken.None);

        Assert.Equal((session, 1_200L), (_screen.Current.Member.TransactionId, _screen.Current.Member.Points));
        await _service.LeaveAsync(session, finish: true, CancellationToken.None);
        Assert.Equal(Contracts.V1.Screen.ViewOneofCase.Idle, _screen.Current.ViewCase);
    }

    public void Dispose()
    {
        _service.Dispose();
        _holds.Dispose();
        _journal.Dispose();
        _members.Dispose();
        _screen.Dispose();
        _devices.Dispose();
        _counters.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The member's tap: their screen is shown and the session begins.</summary>
    private string Begin(string memberNumber, string tapId)
    {
        var view = new MemberView { MaskedName = "王*明", TransactionId = tapId, RedemptionOffered = true };
        _sessions.Begin(new RedemptionSession(tapId, memberNumber, "r1", view));
        _screen.ShowMember(view);
        return tapId;
    }



    private sealed class Reachability : ICentralReachability
    {
        public bool IsOnline { get; set; } = true;

        public event Action? Changed
        {
            add { }
            remove { }
        }
    }
}
