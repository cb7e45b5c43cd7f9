using Google.Protobuf.WellKnownTypes;
using KioskAgent.Api;
using KioskAgent.Contracts.V1;
using KioskAgent.Hosting;
using KioskAgent.Provisioning;
using KioskAgent.Screen;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ViewCase = KioskAgent.Contracts.V1.Screen.ViewOneofCase;

namespace KioskAgent.Tests.Unit;

/// <summary>The presenter against the real code rules and screen, on a fake clock: what it pushes, and when.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class EnrollmentScreenPresenterTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 3, 0, 0, TimeSpan.Zero));
    private readonly EnrollmentStore _store = new(Options.Create(new KioskOptions { DataDirectory = TestPaths.NewTempDirectory("enroll-presenter") }));
    private readonly EnrollmentCodes _codes;
    private readonly ScreenBroadcaster _screen;
    private readonly EnrollmentScreenPresenter _presenter;

    public EnrollmentScreenPresenterTests()
    {
        var options = Options.Create(new ProvisioningOptions());
        _codes = new EnrollmentCodes(options, _store, _time, NullLogger<EnrollmentCodes>.Instance);
        _screen = new ScreenBroadcaster(new FixedOptionsMonitor<ScreenOptions>(new ScreenOptions()), _time);
        _presenter = new EnrollmentScreenPresenter(_codes, _store, new CodesOnly(_codes), _screen, options, _time, NullLogger<EnrollmentScreenPresenter>.Instance);
    }

    public Task InitializeAsync() => _presenter.StartAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _presenter.StopAsync(CancellationToken.None);
        _presenter.Dispose();
        _screen.Dispose();
    }

    [Fact]
    public async Task ACodeRunningOut_IsReplacedOnScreen_WithoutAnyoneAsking()
    {
        Assert.Equal(ViewCase.Enrollment, _screen.Current.ViewCase);
        var first = Shown().State.Code;

        _time.Advance(TimeSpan.FromMinutes(15));

        // A second at a time: the presenter may set its timer before or after the jump.
        await Eventually.TrueAsync(
            () =>
            {
                _time.Advance(TimeSpan.FromSeconds(1));
                return _screen.Current.ViewCase == ViewCase.Enrollment && Shown().State.Code != first;
            },
            "a fresh code on screen",
            TimeSpan.FromSeconds(90));
        Assert.Equal(_codes.Current()!.Code, Shown().State.Code);
        Assert.NotEmpty(Shown().QrRows);
    }

    [Fact]
    public async Task WrongTriesAndABurnedCode_ArePushed_AndABurnedCodeWaitsForAPersonPastItsTime()
    {
        for (var i = 0; i < 5; i++)
        {
            _codes.TryRedeem("000000000");
        }

        await Eventually.TrueAsync(() => _screen.Current.ViewCase == ViewCase.Enrollment && Shown().State is { Code: "", TriesLeft: 0 }, "the burned code on screen");
        var burned = _screen.Current.Sequence;
        _time.Advance(TimeSpan.FromMinutes(30));
        await Task.Delay(300);
        Assert.Equal((burned, ""), (_screen.Current.Sequence, Shown().State.Code));

        var fresh = _codes.Regenerate();
        await Eventually.TrueAsync(() => _screen.Current.ViewCase == ViewCase.Enrollment && Shown().State.Code == fresh.Code, "the new code on screen");
    }

    [Fact]
    public async Task ATechnicianEnrolled_BringsTheIdleScreenBack()
    {
        Assert.True(_codes.TryRedeem(_codes.Current()!.Code).Accepted);
        _store.Add(new TechnicianRecord("lead", TechnicianRecord.Supervisor, "01AB", _time.GetUtcNow()));

        await Eventually.TrueAsync(() => _screen.Current.ViewCase == ViewCase.Idle, "idle once enrolled");
    }

    private EnrollmentView Shown() => _screen.Current.Enrollment ?? new EnrollmentView { State = new EnrollmentState() };

    /// <summary>The screen's data from the real code rules, without the key, printer and network the agent's adds.</summary>
    private sealed class CodesOnly(EnrollmentCodes codes) : IEnrollmentScreen
    {
        public EnrollmentState? Current() => codes.Current() is { } c
            ? new EnrollmentState { Code = c.Code, ExpiresAt = Timestamp.FromDateTimeOffset(c.ExpiresAt), TriesLeft = (uint)c.TriesLeft, QrPayload = "kiosk-enroll:?fp=ab&addr=10.0.0.2%3A5443&serial=s" }
            : null;

        public EnrollmentState Regenerate() => throw new NotSupportedException();

        public string PrintSlip() => throw new NotSupportedException();
    }
}
