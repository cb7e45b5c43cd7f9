using KioskAgent.Contracts.V1;
using KioskAgent.Hosting;
using KioskAgent.Identity;
using KioskAgent.Journal;
using KioskAgent.Members;
using KioskAgent.Screen;
using KioskAgent.Taps;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit.Camera;

/// <summary>A member QR through the card's pipeline: real member cache and journal (SQLite), real screen broadcaster.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class QrTapPipelineTests : IDisposable
{
    private const string Code = "KM1:q7X2-mP9_Lr4Tz8WvB1cN0";
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);
    private readonly string _directory = TestPaths.NewTempDirectory("qr-taps");
    private readonly FakeTimeProvider _time = new(T0);
    private readonly MemberCache _members;
    private readonly TransactionJournal _journal;
    private readonly ScreenBroadcaster _screen;
    private readonly TapCounters _counters = new();
    private readonly OfflineLiveView _live;
    private readonly MemberTapHandler _handler;

    public QrTapPipelineTests()
    {
        _members = new MemberCache(_directory, MemberRecords.Secret);
        _journal = new TransactionJournal(Path.Combine(_directory, TransactionJournal.FileName), new KioskOptions { KioskId = "k1", SiteId = "s1" });
        _screen = new ScreenBroadcaster(new FixedOptionsMonitor<ScreenOptions>(new ScreenOptions()), _time);
        var calendar = new SiteCalendar(Options.Create(new KioskOptions { KioskId = "k1", SiteId = "s1", TimeZone = "Asia/Shanghai" }), _time);
        _live = new OfflineLiveView(_members, _screen, _journal, _time);
        _handler = new MemberTapHandler(new MemberLookup(_members), _journal, _screen, _live.View, _counters, calendar, [], NullLogger<MemberTapHandler>.Instance);
        var gold = MemberRecords.Member("M1", "04A1B2C3");
        gold.QrToken = Code;
        gold.BalanceMinor = 1_288_050;
        _members.Import(MemberRecords.Batch(gold), T0);
    }

    public void Dispose()
    {
        _journal.Dispose();
        _members.Dispose();
        _screen.Dispose();
        _counters.Dispose();
        _live.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private Task<TapOutcome> ShowAsync(string payload) =>
        _handler.HandleQrAsync(new QrTap("camera", QrIdentityResolver.Resolve(payload), T0), CancellationToken.None);

    [Fact]
    public async Task KnownMemberCode_IsJournaledAsAQrTapThenShownMasked()
    {
        var outcome = await ShowAsync(Code);

        Assert.True(outcome.Accepted);
        var entry = Assert.Single(await _journal.PendingAsync(10));
        var tap = Transaction.Parser.ParseJson(entry.Payload).CardTap;
        Assert.Equal(("camera", "", "M1", MemberTapHandler.QrCredential), (tap.ReaderId, tap.CardUid, tap.MemberNumber, tap.Credential));
        Assert.DoesNotContain("q7X2", entry.Payload, StringComparison.Ordinal);
        var view = _screen.Current.Member;
        Assert.Equal((entry.Id, 1_288_050L, "QR ****1cN0"), (view.TransactionId, view.Balance.AmountMinor, view.MaskedCard));
        Assert.Equal(1, _counters.Get("taps.accepted"));
    }

    [Fact]
    public async Task UnknownToken_IsRefusedWithItsReason_AndJournaled()
    {
        var outcome = await ShowAsync("KM1:AAAAAAAAAAAAAAAAAAAAAA");

        Assert.Equal("qr_unknown", outcome.ReasonCode);
        Assert.Equal("qr_unknown", _screen.Current.Refusal.ReasonCode);
        var tap = Transaction.Parser.ParseJson(Assert.Single(await _journal.PendingAsync(10)).Payload).CardTap;
        Assert.Equal(("qr_unknown", false, MemberTapHandler.QrCredential), (tap.RefusalReason, tap.Accepted, tap.Credential));
    }

    [Theory]
    [InlineData("KM2:q7X2-mP9_Lr4Tz8WvB1cN0", "qr_unsupported_version")]
    [InlineData("KM1:short", "qr_bad_length")]
    public async Task AMemberCodeThisKioskCannotRead_IsRefusedWithItsReason(string payload, string reason)
    {
        var outcome = await ShowAsync(payload);

        Assert.Equal(reason, outcome.ReasonCode);
        Assert.Equal(reason, _screen.Current.Refusal.ReasonCode);
    }
}
