using Grpc.Core;
using KioskAgent.Api;
using KioskAgent.Contracts.Staff;
using KioskAgent.Contracts.V1;
using KioskAgent.Devices;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hosting;
using KioskAgent.Identity;
using KioskAgent.Journal;
using KioskAgent.Screen;
using KioskAgent.Staff;
using KioskAgent.Taps;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit.Staff;

[Trait("Category", TestCategories.Unit)]
public sealed class StaffSessionsTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
    private readonly string _directory = TestPaths.NewTempDirectory("staff-sessions");
    private readonly FakeTimeProvider _time = new(T0);
    private readonly TransactionJournal _journal;
    private readonly ScreenBroadcaster _screen;
    private readonly StaffDirectory _staff;
    private readonly StaffTapRouter _router = new();
    private readonly StaffSessions _sessions;
    private readonly StaffGrpcService _service;
    private readonly StaffTapGate _gate;

    public StaffSessionsTests()
    {
        _journal = new TransactionJournal(Path.Combine(_directory, TransactionJournal.FileName), new KioskOptions { KioskId = "k1", SiteId = "s1" }, _time);
        _screen = new ScreenBroadcaster(new FixedOptionsMonitor<ScreenOptions>(new ScreenOptions()), _time);
        _staff = new StaffDirectory(Path.Combine(_directory, StaffDirectory.FileName), new byte[32]);
        _staff.ReplaceAll(
            [
                new StaffRecord { StaffId = "s1", CardUid = "A1B2C3D4", Name = "Anna", Role = "staff", PinHash = StaffPinHash.Hash("2468", StaffPinHash.MinIterations) },
                new StaffRecord { StaffId = "boss", CardNumber = "900001", Name = "Bo", Role = "supervisor", PinHash = StaffPinHash.Hash("1357", StaffPinHash.MinIterations) },
            ],
            version: 1);
        var options = Options.Create(new StaffOptions { SessionIdleSeconds = 120 });
        var actions = new StaffActions(_journal, _time, NullLogger<StaffActions>.Instance);
        var catalog = new StaffFeatureCatalog([new Feature("void_winner", StaffRole.Supervisor)]);
        _sessions = new StaffSessions(_screen, new StaffPinGuard(options, _time), actions, catalog, _router, options, _time, NullLogger<StaffSessions>.Instance);
        _service = new StaffGrpcService(_sessions, catalog, actions);
        _gate = new StaffTapGate(_staff, _sessions, _router);
    }

    [Fact]
    public async Task StaffCardThenPin_WrongIsRefusedOnTheLoginScreen_RightOpensHome_AndBothAreJournaledWithoutThePin()
    {
        Assert.True(await _gate.TryTakeAsync(TapAt(CardReaderRole.Member, "A1B2C3D4"), CancellationToken.None));
        var login = Assert.IsType<StaffLoginView>(_screen.Current.StaffLogin);

        var wrong = await _sessions.EnterPinAsync(login.LoginId, "1111", CancellationToken.None);
        Assert.Equal(PinEntry.PinWrong, wrong!.ReasonCode);
        Assert.Equal(PinEntry.PinWrong, _screen.Current.StaffLogin.ErrorCode);
        Assert.Null(_sessions.Current);

        var right = await _sessions.EnterPinAsync(login.LoginId, "2468", CancellationToken.None);
        Assert.True(right!.Accepted);
        Assert.Equal("s1", _sessions.Current!.StaffId);
        Assert.Equal(Contracts.V1.Screen.ViewOneofCase.StaffHome, _screen.Current.ViewCase);
        Assert.Equal(["check_in", "draw", "vouchers"], _screen.Current.StaffHome.Features.Select(f => f.Code));

        var journaled = await _journal.PendingAsync(10);
        Assert.Equal(["login:pin_wrong", "login:ok"], journaled.Select(e => Transaction.Parser.ParseJson(e.Payload).StaffAction).Select(a => $"{a.Action}:{a.Outcome}"));
        Assert.All(journaled, e => Assert.DoesNotContain("2468", e.Payload));
        Assert.All(journaled, e => Assert.DoesNotContain("Anna", e.Payload));
    }

    [Fact]
    public async Task IdleSession_EndsAfterSessionIdleSeconds_CancellingSessionEnded_AndReleasingTheClaim()
    {
        await LoginAsync("A1B2C3D4", "2468");
        var ended = _sessions.SessionEnded;
        _router.Take(new Feature("check_in", StaffRole.Staff));

        _time.Advance(TimeSpan.FromSeconds(100));
        _sessions.KeepAlive();
        _time.Advance(TimeSpan.FromSeconds(100));
        Assert.NotNull(_sessions.Current);

        _time.Advance(TimeSpan.FromSeconds(21));
        await Eventually.TrueAsync(() => _sessions.Current is null, "the idle session ended");
        Assert.True(ended.IsCancellationRequested);
        Assert.Null(_router.Current);
        Assert.Equal(Contracts.V1.Screen.ViewOneofCase.Idle, _screen.Current.ViewCase);
        Assert.True(_sessions.SessionEnded.IsCancellationRequested);
    }

    [Fact]
    public async Task TouchesOnAStaffScreen_KeepTheSessionOpen_ThroughKeepSessionAlive()
    {
        await LoginAsync("A1B2C3D4", "2468");

        for (var minute = 0; minute < 5; minute++)
        {
            _time.Advance(TimeSpan.FromSeconds(100));
            var alive = await _service.KeepSessionAlive(new KeepSessionAliveRequest(), new FakeCallContext());
            Assert.Equal(120u, alive.IdleSeconds);
        }

        Assert.NotNull(_sessions.Current);
        _time.Advance(TimeSpan.FromSeconds(121));
        await Eventually.TrueAsync(() => _sessions.Current is null, "the session ended once the touches stopped");
    }

    [Fact]
    public async Task TheSameStaffCardTappedAgain_EndsTheSession()
    {
        await LoginAsync("A1B2C3D4", "2468");

        await _gate.TryTakeAsync(TapAt(CardReaderRole.Member, "A1B2C3D4"), CancellationToken.None);

        Assert.Null(_sessions.Current);
        Assert.Equal(Contracts.V1.Screen.ViewOneofCase.Idle, _screen.Current.ViewCase);
    }

    [Fact]
    public async Task MemberTapDuringASession_EndsIt_AndGoesToTheMember()
    {
        await LoginAsync("A1B2C3D4", "2468");

        Assert.False(await _gate.TryTakeAsync(TapAt(CardReaderRole.Member, "04A1B2C3"), CancellationToken.None));

        Assert.Null(_sessions.Current);
    }

    [Fact]
    public async Task UnknownCardAtAStaffReader_GetsThePinPad_AndEveryPinIsWrong()
    {
        Assert.True(await _gate.TryTakeAsync(TapAt(CardReaderRole.Staff, "0BADCAFE"), CancellationToken.None));

        var entry = await _sessions.EnterPinAsync(_screen.Current.StaffLogin.LoginId, "2468", CancellationToken.None);

        Assert.Equal(PinEntry.PinWrong, entry!.ReasonCode);
        Assert.Null(_sessions.Current);
    }

    [Fact]
    public async Task WithoutASession_StaffRpcsRefuse_AndAMemberReachesNoStaffScreen()
    {
        var logout = await Assert.ThrowsAsync<RpcException>(() => _service.Logout(new LogoutRequest(), new FakeCallContext()));
        var open = await Assert.ThrowsAsync<RpcException>(() => _service.OpenStaffFeature(new OpenStaffFeatureRequest { Code = "check_in" }, new FakeCallContext()));
        var home = await Assert.ThrowsAsync<RpcException>(() => _service.ShowStaffHome(new ShowStaffHomeRequest(), new FakeCallContext()));
        var pin = await Assert.ThrowsAsync<RpcException>(() => _service.EnterPin(new EnterPinRequest { LoginId = "guessed", Pin = "2468" }, new FakeCallContext()));
        var alive = await Assert.ThrowsAsync<RpcException>(() => _service.KeepSessionAlive(new KeepSessionAliveRequest(), new FakeCallContext()));

        Assert.All([logout, open, home, pin, alive], e => Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode));
        Assert.Equal(Contracts.V1.Screen.ViewOneofCase.Idle, _screen.Current.ViewCase);
    }

    [Fact]
    public async Task Roles_StaffDoNotSeeOrOpenSupervisorFeatures_SupervisorsDo()
    {
        await LoginAsync("A1B2C3D4", "2468");
        Assert.DoesNotContain(_screen.Current.StaffHome.Features, f => f.Code == "void_winner");
        var denied = await Assert.ThrowsAsync<RpcException>(() => _service.OpenStaffFeature(new OpenStaffFeatureRequest { Code = "void_winner" }, new FakeCallContext()));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);

        await _sessions.EndAsync("logout", CancellationToken.None);
        await LoginAsync("900001", "1357");
        Assert.Contains(_screen.Current.StaffHome.Features, f => f.Code == "void_winner");
        Assert.True(new StaffIdentity("b", "B", StaffRole.Supervisor).May(StaffRole.Staff));
        Assert.False(new StaffIdentity("s", "S", StaffRole.Staff).May(StaffRole.Supervisor));
    }

    public void Dispose()
    {
        _sessions.Dispose();
        _staff.Dispose();
        _journal.Dispose();
        _screen.Dispose();
    }

    private async Task LoginAsync(string card, string pin)
    {
        await _gate.TryTakeAsync(TapAt(CardReaderRole.Member, card), CancellationToken.None);
        Assert.True((await _sessions.EnterPinAsync(_screen.Current.StaffLogin.LoginId, pin, CancellationToken.None))!.Accepted);
    }

    private Tap TapAt(CardReaderRole role, string uid) =>
        new("r1", role, new CardPresented("r1", CardUid.Parse(uid), CardTechnology.Unknown, _time.GetUtcNow()), CardIdentityResult.Refused("test", "test"));

    private sealed class Feature(string code, StaffRole role) : IStaffFeature, IStaffTapConsumer
    {
        public string Code => code;

        public string Name => code;

        public string Label => code;

        public StaffRole RequiredRole => role;

        public bool Available => true;

        public Task OpenAsync(StaffIdentity staff, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task HandleTapAsync(Tap tap, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class FakeCallContext : ServerCallContext
    {
        protected override string MethodCore => "test";

        protected override string HostCore => "localhost";

        protected override string PeerCore => "test";

        protected override DateTime DeadlineCore => DateTime.MaxValue;

        protected override Metadata RequestHeadersCore => [];

        protected override CancellationToken CancellationTokenCore => CancellationToken.None;

        protected override Metadata ResponseTrailersCore => [];

        protected override Status StatusCore { get; set; }

        protected override WriteOptions? WriteOptionsCore { get; set; }

        protected override AuthContext AuthContextCore => new(null, []);

        protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();

        protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
    }
}
