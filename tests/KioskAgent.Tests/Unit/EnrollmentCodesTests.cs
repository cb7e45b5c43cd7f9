using KioskAgent.Hosting;
using KioskAgent.Provisioning;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class EnrollmentCodesTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 3, 0, 0, TimeSpan.Zero));
    private readonly EnrollmentStore _store = new(Options.Create(new KioskOptions { DataDirectory = TestPaths.NewTempDirectory("enroll-unit") }));
    private readonly EnrollmentCodes _codes;

    public EnrollmentCodesTests() =>
        _codes = new EnrollmentCodes(Options.Create(new ProvisioningOptions { EnrollmentCodeDigits = 9 }), _store, _time, NullLogger<EnrollmentCodes>.Instance);

    [Fact]
    public void ANewKiosk_ShowsACodeOfTheConfiguredDigits_ForASupervisor()
    {
        var state = _codes.Current()!;

        Assert.Matches("^[0-9]{9}$", state.Code);
        Assert.Equal(_time.GetUtcNow().AddMinutes(15), state.ExpiresAt);
        Assert.Equal(5, state.TriesLeft);
        Assert.Equal("supervisor", state.Role);
    }

    [Fact]
    public void AnExpiredCode_IsRefused_AndReplacedByAFreshOne()
    {
        var old = _codes.Current()!.Code;
        _time.Advance(TimeSpan.FromMinutes(15));

        var fresh = _codes.Current()!;

        Assert.NotEqual(old, fresh.Code);
        Assert.Equal(5, fresh.TriesLeft);
        Assert.False(_codes.TryRedeem(old).Accepted);
        Assert.True(_codes.TryRedeem(fresh.Code).Accepted);
    }

    [Fact]
    public void FiveWrongCodes_BurnIt_UntilSomeoneAtTheScreenMakesANewOne()
    {
        var code = _codes.Current()!.Code;
        for (var i = 0; i < 5; i++)
        {
            Assert.False(_codes.TryRedeem("000000000" == code ? "111111111" : "000000000").Accepted);
        }

        var right = _codes.TryRedeem(code);
        _time.Advance(TimeSpan.FromHours(1));

        Assert.False(right.Accepted);
        Assert.Contains("burned", right.Refusal, StringComparison.Ordinal);
        Assert.Equal("", _codes.Current()!.Code);
        var regenerated = _codes.Regenerate();
        Assert.True(_codes.TryRedeem(regenerated.Code).Accepted);
    }

    [Fact]
    public void ACode_WorksOnce_AndOnceEnrolled_EnrollmentIsClosedUntilASupervisorOpensIt()
    {
        var code = _codes.Current()!.Code;
        Assert.True(_codes.TryRedeem(code).Accepted);
        _store.Add(new TechnicianRecord("lead", TechnicianRecord.Supervisor, "01", _time.GetUtcNow()));

        Assert.False(_codes.TryRedeem(code).Accepted);
        Assert.Null(_codes.Current());
        Assert.False(_codes.IsOpen);
        Assert.Throws<InvalidOperationException>(() => _codes.Regenerate());

        var opened = _codes.Open(TechnicianRecord.Technician);
        Assert.True(_codes.IsOpen);
        Assert.Equal("technician", _codes.TryRedeem(opened.Code).Role);
        Assert.False(_codes.IsOpen);
    }

    [Fact]
    public void ParallelWrongCodes_AreCheckedNoMoreThanTheTries()
    {
        var code = _codes.Current()!.Code;
        var wrong = code == "000000000" ? "111111111" : "000000000";

        var refusals = Enumerable.Range(0, 50).AsParallel().Select(_ => _codes.TryRedeem(wrong).Refusal).ToList();

        Assert.Equal(5, refusals.Count(r => r.StartsWith("wrong enrollment code", StringComparison.Ordinal)));
        Assert.False(_codes.TryRedeem(code).Accepted);
    }
}
