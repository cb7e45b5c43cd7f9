using KioskAgent.Contracts.V1;
using KioskAgent.Screen;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class ScreenBroadcasterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));

    private ScreenBroadcaster Create() => new(new FixedOptionsMonitor<ScreenOptions>(new ScreenOptions { ClearAfterSeconds = 15, RefusalClearAfterSeconds = 8 }), _time);

    [Fact]
    public void Current_StartsIdle()
    {
        using var screen = Create();
        Assert.Equal(Contracts.V1.Screen.ViewOneofCase.Idle, screen.Current.ViewCase);
    }

    [Fact]
    public void Idle_CarriesTheDimmingTime_AndTakesNoQrUntilTheQrPathSaysSo()
    {
        using var screen = new ScreenBroadcaster(new FixedOptionsMonitor<ScreenOptions>(new ScreenOptions { DimAfterSeconds = 45 }), _time);

        Assert.Equal((45u, false), (screen.Current.Idle.DimAfterSeconds, screen.Current.Idle.QrAccepted));
    }

    [Fact]
    public void SetQrAccepted_ResendsTheIdleScreenOnShow_AndLaterIdleScreensKeepIt()
    {
        using var screen = Create();
        var before = screen.Current.Sequence;

        screen.SetQrAccepted(true);

        Assert.True(screen.Current.Idle.QrAccepted);
        Assert.True(screen.Current.Sequence > before);
        screen.ShowMember(new MemberView { MaskedName = "王*明" });
        _time.Advance(TimeSpan.FromSeconds(15));
        Assert.True(screen.Current.Idle.QrAccepted);
    }

    [Fact]
    public void SetQrAccepted_LeavesAMemberScreenAlone_AndAnUnchangedValueSendsNothing()
    {
        using var screen = Create();
        screen.ShowMember(new MemberView { MaskedName = "王*明" });
        var shown = screen.Current.Sequence;

        screen.SetQrAccepted(true);
        screen.SetQrAccepted(true);

        Assert.Equal((Contracts.V1.Screen.ViewOneofCase.Member, shown), (screen.Current.ViewCase, screen.Current.Sequence));
        screen.SetQrAccepted(false);
        screen.ShowIdle();
        Assert.False(screen.Current.Idle.QrAccepted);
    }

    [Fact]
    public void ShowMember_ReturnsToIdleAfterTheClearTime_NotBefore()
    {
        using var screen = Create();
        screen.ShowMember(new MemberView { MaskedName = "王*明" });
        Assert.Equal(15u, screen.Current.ClearAfterSeconds);

        _time.Advance(TimeSpan.FromSeconds(14));
        Assert.Equal(Contracts.V1.Screen.ViewOneofCase.Member, screen.Current.ViewCase);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(Contracts.V1.Screen.ViewOneofCase.Idle, screen.Current.ViewCase);
    }

    [Fact]
    public void ShowMember_ANewTapRestartsTheClearTime()
    {
        using var screen = Create();
        screen.ShowMember(new MemberView { MaskedName = "A" });
        _time.Advance(TimeSpan.FromSeconds(10));
        screen.ShowMember(new MemberView { MaskedName = "B" });
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal("B", screen.Current.Member.MaskedName);
    }

    [Fact]
    public void UpdateMember_ChangesTheScreenInPlace_KeepingItsClearTime()
    {
        using var screen = Create();
        screen.ShowMember(new MemberView { TransactionId = "t1", Points = 10 });
        var shown = screen.Current;
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.True(screen.UpdateMember("t1", v => v.Points = 99));

        Assert.Equal(99, screen.Current.Member.Points);
        Assert.True(screen.Current.Sequence > shown.Sequence);
        Assert.Equal(shown.ShownAt, screen.Current.ShownAt);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(Contracts.V1.Screen.ViewOneofCase.Idle, screen.Current.ViewCase);
    }

    [Fact]
    public void UpdateMember_AfterTheScreenMovedOn_ChangesNothing()
    {
        using var screen = Create();
        screen.ShowMember(new MemberView { TransactionId = "t1", Points = 10 });
        screen.ShowMember(new MemberView { TransactionId = "t2", Points = 20 });

        Assert.False(screen.UpdateMember("t1", v => v.Points = 99));

        Assert.Equal(20, screen.Current.Member.Points);
    }

    [Fact]
    public void ShowRefusal_ClearsSoonerThanAMember()
    {
        using var screen = Create();
        screen.ShowRefusal(new RefusalView { ReasonCode = "card_lost" });
        _time.Advance(TimeSpan.FromSeconds(8));
        Assert.Equal(Contracts.V1.Screen.ViewOneofCase.Idle, screen.Current.ViewCase);
    }

    [Fact]
    public async Task WatchAsync_YieldsCurrentThenChanges_WithIncreasingSequence()
    {
        using var screen = Create();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var watch = screen.WatchAsync(cts.Token).GetAsyncEnumerator(cts.Token);

        Assert.True(await watch.MoveNextAsync());
        var first = watch.Current;
        screen.ShowMember(new MemberView { MaskedName = "王*明" });
        Assert.True(await watch.MoveNextAsync());

        Assert.Equal(Contracts.V1.Screen.ViewOneofCase.Idle, first.ViewCase);
        Assert.Equal("王*明", watch.Current.Member.MaskedName);
        Assert.True(watch.Current.Sequence > first.Sequence);
    }

    [Fact]
    public void ShowIfCurrent_ReplacesTheScreenItWasGiven_ButNotOneShownSince()
    {
        using var screen = Create();
        var done = screen.Show(new Contracts.V1.Screen { RedemptionDone = new RedemptionDoneView { VoucherCode = "K7QX-4MRD" } }, TimeSpan.FromSeconds(30));

        Assert.True(screen.ShowIfCurrent(done, new Contracts.V1.Screen { RedemptionDone = new RedemptionDoneView { PrintState = VoucherPrintState.Printed } }, TimeSpan.FromSeconds(30)));
        Assert.Equal(VoucherPrintState.Printed, screen.Current.RedemptionDone.PrintState);

        screen.ShowMember(new MemberView { MaskedName = "B" });
        Assert.False(screen.ShowIfCurrent(screen.Current.Sequence - 1, new Contracts.V1.Screen { RedemptionDone = new RedemptionDoneView() }, TimeSpan.FromSeconds(30)));
        Assert.Equal("B", screen.Current.Member.MaskedName);
    }

    [Fact]
    public void Show_AFeatureScreenClearsAfterItsOwnTime()
    {
        using var screen = Create();
        screen.Show(new Contracts.V1.Screen { GiftList = new GiftListView { SessionId = "s" } }, TimeSpan.FromSeconds(30));

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(Contracts.V1.Screen.ViewOneofCase.GiftList, screen.Current.ViewCase);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(Contracts.V1.Screen.ViewOneofCase.Idle, screen.Current.ViewCase);
    }

    [Fact]
    public void SetHome_TakesIdlesPlace_EveryReturnToIdleLandsOnIt_AndNullBringsIdleBack()
    {
        using var screen = Create();
        var home = new Contracts.V1.Screen { Enrollment = new EnrollmentView { State = new EnrollmentState { Code = "12345678" } } };

        screen.SetHome(home);
        Assert.Equal("12345678", screen.Current.Enrollment.State.Code);
        screen.ShowMember(new MemberView { MaskedName = "王*明" });
        _time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal((Contracts.V1.Screen.ViewOneofCase.Enrollment, 0u), (screen.Current.ViewCase, screen.Current.ClearAfterSeconds));
        screen.ShowIdle();
        Assert.Equal(Contracts.V1.Screen.ViewOneofCase.Enrollment, screen.Current.ViewCase);

        screen.SetHome(null);
        Assert.Equal(Contracts.V1.Screen.ViewOneofCase.Idle, screen.Current.ViewCase);
    }

    [Fact]
    public void SetHome_ResendsAChangedHomeOnShow_ButLeavesAMemberScreenAlone_AndTheSameHomeSendsNothing()
    {
        using var screen = Create();
        screen.SetHome(Home("11111111"));
        var first = screen.Current.Sequence;

        screen.SetHome(Home("11111111"));
        Assert.Equal(first, screen.Current.Sequence);
        screen.SetHome(Home("22222222"));
        Assert.Equal(("22222222", true), (screen.Current.Enrollment.State.Code, screen.Current.Sequence > first));

        screen.ShowMember(new MemberView { MaskedName = "王*明" });
        screen.SetHome(Home("33333333"));
        Assert.Equal(Contracts.V1.Screen.ViewOneofCase.Member, screen.Current.ViewCase);
        _time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal("33333333", screen.Current.Enrollment.State.Code);
    }

    private static Contracts.V1.Screen Home(string code) =>
        new() { Enrollment = new EnrollmentView { State = new EnrollmentState { Code = code } } };
}
