using KioskAgent.Devices;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hosting;
using KioskAgent.Journal;
using KioskAgent.Members;
using KioskAgent.Screen;
using KioskAgent.Taps;
using KioskAgent.Tests.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class TapProcessorTests : IAsyncDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory("taps");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
    private readonly MemberStore _members;
    private readonly TransactionJournal _journal;
    private readonly ScreenBroadcaster _screen;
    private readonly CardReaderRegistry _readers;
    private readonly TapProcessor _processor;

    public TapProcessorTests()
    {
        var kiosk = new KioskOptions { KioskId = "k1", SiteId = "s1", DataDirectory = _directory };
        _members = new MemberStore(Path.Combine(_directory, MemberStore.FileName));
        _journal = new TransactionJournal(Path.Combine(_directory, TransactionJournal.FileName), kiosk);
        _screen = new ScreenBroadcaster(Options.Create(new ScreenOptions()), _time);
        _readers = new CardReaderRegistry(Options.Create(new DeviceOptions { CardReaders = [new CardReaderOptions { Id = "r1", Kind = "Simulated" }] }), _time);
        _processor = new TapProcessor(_readers, _members, _journal, _screen, _time, NullLogger<TapProcessor>.Instance);
        _members.Upsert([
            new Member { MemberNumber = "M1", Name = "王小明", Level = "金卡", BalanceMinor = 1_288_050, Points = 36_520, Cards = [new MemberCard { Uid = "04A1B2C3" }] },
            new Member { MemberNumber = "M2", Name = "赵四", Cards = [new MemberCard { Uid = "DEADBEEF", State = CardState.Lost }] },
        ]);
    }

    private static CardPresented Tap(string uid) => new("r1", CardUid.Parse(uid), CardTechnology.Simulated, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task HandleTap_KnownActiveCard_JournalsThenShowsMaskedMember()
    {
        var outcome = await _processor.HandleTapAsync(Tap("04a1b2c3"), CancellationToken.None);

        Assert.True(outcome.Accepted);
        var pending = Assert.Single(await _journal.PendingAsync(10));
        var view = _screen.Current.Member;
        Assert.Equal("王*明", view.MaskedName);
        Assert.Equal(1_288_050, view.Balance.AmountMinor);
        Assert.Equal(36_520, view.Points);
        Assert.Equal(pending.Id, view.TransactionId);
        Assert.DoesNotContain("王小明", pending.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleTap_LostCard_IsRefusedAndStillJournaled()
    {
        var outcome = await _processor.HandleTapAsync(Tap("DEADBEEF"), CancellationToken.None);

        Assert.False(outcome.Accepted);
        Assert.Equal("card_lost", _screen.Current.Refusal.ReasonCode);
        Assert.Contains("\"refusalReason\": \"card_lost\"", Assert.Single(await _journal.PendingAsync(10)).Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleTap_UnknownCard_IsRefusedAsUnknown()
    {
        await _processor.HandleTapAsync(Tap("0102030405"), CancellationToken.None);
        Assert.Equal("card_unknown", _screen.Current.Refusal.ReasonCode);
        Assert.Equal("******0405", _screen.Current.Refusal.MaskedCard);
    }

    public async ValueTask DisposeAsync()
    {
        _processor.Dispose();
        await _readers.DisposeAsync();
        _screen.Dispose();
        _journal.Dispose();
        _members.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
