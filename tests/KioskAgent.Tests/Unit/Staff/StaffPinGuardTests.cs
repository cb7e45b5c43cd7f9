using KioskAgent.Contracts.Staff;
using KioskAgent.Staff;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit.Staff;

[Trait("Category", TestCategories.Unit)]
public sealed class StaffPinGuardTests
{
    private static readonly StaffMember Anna = new("s1", "A1B2C3D4", "", "Anna", StaffRole.Staff, StaffPinHash.Hash("2468", StaffPinHash.MinIterations));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
    private readonly StaffPinGuard _guard;

    public StaffPinGuardTests() =>
        _guard = new StaffPinGuard(Options.Create(new StaffOptions { MaxPinTries = 5, LockoutSeconds = 60, MaxLockoutSeconds = 3600 }), _time);

    [Fact]
    public async Task HundredParallelWrongPins_CheckNoMoreThanTheLimit_AndTheRightPinIsRefusedWhileLocked()
    {
        var tries = Enumerable.Range(0, 100).Select(i => Task.Run(() => _guard.CheckAsync("card:A1B2C3D4", Anna, $"{1000 + i}", CancellationToken.None)));

        var results = await Task.WhenAll(tries);

        Assert.Equal(5, _guard.Checked);
        Assert.Equal(4, results.Count(r => r.Outcome == PinOutcome.Wrong));
        Assert.Equal(96, results.Count(r => r.Outcome == PinOutcome.Locked));
        Assert.Single(results, r => r.JustLocked);
        var right = await _guard.CheckAsync("card:A1B2C3D4", Anna, "2468", CancellationToken.None);
        Assert.Equal(PinOutcome.Locked, right.Outcome);
        Assert.Equal(5, _guard.Checked);
    }

    [Fact]
    public async Task Lockout_EndsAfterItsTime_AndGrowsWhenWrongPinsGoOn()
    {
        await FailAsync(5);
        Assert.Equal(_time.GetUtcNow().AddSeconds(60), _guard.LockedUntil("card:A1B2C3D4"));

        _time.Advance(TimeSpan.FromSeconds(61));
        await FailAsync(5);
        Assert.Equal(_time.GetUtcNow().AddSeconds(120), _guard.LockedUntil("card:A1B2C3D4"));

        _time.Advance(TimeSpan.FromSeconds(121));
        Assert.Equal(PinOutcome.Accepted, (await _guard.CheckAsync("card:A1B2C3D4", Anna, "2468", CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task UnknownCard_IsWrongAndLockedExactlyLikeAWrongPin()
    {
        var unknown = new List<PinOutcome>();
        var known = new List<PinOutcome>();
        for (var i = 0; i < 6; i++)
        {
            unknown.Add((await _guard.CheckAsync("card:FFFFFFFF", null, "2468", CancellationToken.None)).Outcome);
            known.Add((await _guard.CheckAsync("card:A1B2C3D4", Anna, "1111", CancellationToken.None)).Outcome);
        }

        Assert.Equal(known, unknown);
        Assert.Equal(PinOutcome.Locked, unknown[^1]);
    }

    private async Task FailAsync(int times)
    {
        for (var i = 0; i < times; i++)
        {
            await _guard.CheckAsync("card:A1B2C3D4", Anna, "0000", CancellationToken.None);
        }
    }
}
