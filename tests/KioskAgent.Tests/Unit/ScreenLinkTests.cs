using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using KioskAgent.Members;
using KioskAgent.Screen;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class ScreenLinkTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
    private readonly ScreenBroadcaster _screen;
    private readonly MemberCache _members = new(TestPaths.NewTempDirectory("screen-link"), MemberRecords.Secret);
    private readonly Reachability _central = new();

    public ScreenLinkTests() =>
        _screen = new(new FixedOptionsMonitor<ScreenOptions>(new ScreenOptions { ClearAfterSeconds = 15, RefusalClearAfterSeconds = 8 }), _time);

    public void Dispose()
    {
        _screen.Dispose();
        _members.Dispose();
    }

    [Fact]
    public void SetLink_ResendsTheShownScreenInPlace_AndLaterScreensCarryIt()
    {
        _screen.ShowMember(new MemberView { MaskedName = "王*明", TransactionId = "t1" });
        var before = _screen.Current;
        _time.Advance(TimeSpan.FromSeconds(5));

        _screen.SetLink(new LinkState { Offline = true });

        var after = _screen.Current;
        Assert.True(after.Link.Offline);
        Assert.Equal(before.Sequence + 1, after.Sequence);
        Assert.Equal(before.ShownAt, after.ShownAt);
        Assert.Equal("王*明", after.Member.MaskedName);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(Contracts.V1.Screen.ViewOneofCase.Idle, _screen.Current.ViewCase);
        Assert.True(_screen.Current.Link.Offline);
    }

    [Fact]
    public void SetLink_TheSameStateAgain_SendsNothing()
    {
        _screen.SetLink(new LinkState { Offline = true });
        var sequence = _screen.Current.Sequence;

        _screen.SetLink(new LinkState { Offline = true });

        Assert.Equal(sequence, _screen.Current.Sequence);
    }

    [Fact]
    public void ShowIfCurrent_StillReplacesAScreenResentForTheLink()
    {
        var done = _screen.Show(new Contracts.V1.Screen { RedemptionDone = new RedemptionDoneView() }, TimeSpan.FromSeconds(30));
        _screen.SetLink(new LinkState { Offline = true });

        Assert.True(_screen.ShowIfCurrent(done, new Contracts.V1.Screen { RedemptionDone = new RedemptionDoneView { PrintState = VoucherPrintState.Printed } }, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task LinkStatus_OfflineOnlyAfterTheGrace_OnlineAtOnce()
    {
        using var status = new ScreenLinkStatus(_central, _members, _screen, _time);
        _central.Set(true);
        await status.StartAsync(CancellationToken.None);
        Assert.False(_screen.Current.Link.Offline);

        _central.Set(false);
        _time.Advance(ScreenLinkStatus.OfflineGrace - TimeSpan.FromMilliseconds(1));
        Assert.False(_screen.Current.Link.Offline);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(_screen.Current.Link.Offline);
        Assert.Null(_screen.Current.Link.DataAsOf);

        _central.Set(true);
        Assert.False(_screen.Current.Link.Offline);
        await status.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task LinkStatus_ABlipShorterThanTheGrace_NeverShowsTheBanner()
    {
        using var status = new ScreenLinkStatus(_central, _members, _screen, _time);
        _central.Set(true);
        await status.StartAsync(CancellationToken.None);

        _central.Set(false);
        _time.Advance(TimeSpan.FromSeconds(1));
        _central.Set(true);
        _time.Advance(ScreenLinkStatus.OfflineGrace);

        Assert.False(_screen.Current.Link.Offline);
    }

    private sealed class Reachability : ICentralReachability
    {
        public bool IsOnline { get; private set; }

        public event Action? Changed;

        public void Set(bool online)
        {
            IsOnline = online;
            Changed?.Invoke();
        }
    }
}
