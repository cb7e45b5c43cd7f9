using System.Text;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Provisioning;
using KioskAgent.Tests.Testing.Updates;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// Issue 16, acceptance 3, with real processes: the supervisor (<c>KioskAgent supervise</c>), the
/// agent it starts, mosquitto, a test central, kioskctl, and bundles served over loopback HTTPS.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class SelfUpdateTests(UpdateFixture fixture) : IClassFixture<UpdateFixture>
{
    [Fact]
    public async Task GoodUpdateCommitted_BadSignatureAndDowngradeRefused_FailingBuildRolledBackAndNeverRetried()
    {
        var settings = fixture.NewKioskSettings();
        await using var kiosk = await SupervisedKiosk.StartAsync(settings);
        await kiosk.WaitConnectedAsync();
        var tx = $"kiosk/v1/{settings.SiteId}/{settings.KioskId}/tx";
        await fixture.Central.WatchAsync(tx);
        await kiosk.AssertOneHealthyAgentAsync(SupervisedKiosk.FactoryDirectory);

        // A technician installs 1.1.0 (build 100) with kioskctl: tried, then committed into slot a.
        var home = TestPaths.NewTempDirectory("update-kioskctl");
        var env = new Dictionary<string, string> { ["KIOSKCTL_HOME"] = home, ["KIOSKCTL_KIOSK"] = Provisioner.Address(kiosk.Process) };
        var screen = await Provisioner.ScreenAsync(kiosk.Process);
        var enroll = await KioskctlProcess.RunAsync(["enroll", Provisioner.Address(kiosk.Process), "--code", screen.Code, "--fingerprint", screen.Fingerprint, "--name", "Li"], env);
        Assert.True(enroll.ExitCode == 0, enroll.Output);
        var update = await KioskctlProcess.RunAsync(["update", fixture.Bundle(UpdateFixture.Good)], env);
        Assert.True(update.ExitCode == 0, update.Output);
        Assert.Contains("staged 1.1.0 (build 100) in slot a", update.Output, StringComparison.Ordinal);

        var committed = await kiosk.WaitDecidedAsync();
        Assert.Equal((100L, "a"), (committed.Build, kiosk.Slots.CurrentSlot()));
        await kiosk.AssertOneHealthyAgentAsync(kiosk.Slots.Slot("a"));
        await Eventually.TrueAsync(() => Transactions(tx).Any(t => t.Contains("updateApplied", StringComparison.Ordinal) && t.Contains("\"100\"", StringComparison.Ordinal)), "central hears update_applied for build 100", TimeSpan.FromSeconds(60));
        Assert.Contains("Update 1.1.0 (build 100) committed", kiosk.Process.Output, StringComparison.Ordinal);

        // Central sends a bundle signed by another key, then a downgrade: both refused, nothing changes.
        var connects = kiosk.Connects;
        var badSignature = await UpdateAsync(settings, UpdateFixture.BadSignature);
        Assert.Equal((false, "bad_signature"), (badSignature.Ok, badSignature.Error));
        var downgrade = await UpdateAsync(settings, UpdateFixture.Downgrade);
        Assert.Equal((false, "downgrade"), (downgrade.Ok, downgrade.Error));
        Assert.Contains("not newer than the running build 100", downgrade.Message, StringComparison.Ordinal);
        Assert.Equal(connects, kiosk.Connects);
        Assert.Null(kiosk.Slots.LoadState().Trial);
        await Eventually.TrueAsync(() => Transactions(tx).Count(t => t.Contains("updateRefused", StringComparison.Ordinal)) >= 2, "central hears both refusals", TimeSpan.FromSeconds(60));
        Assert.Contains("Update refused (bad_signature", kiosk.Process.Output, StringComparison.Ordinal);

        // 2.0.0 (build 200) fails its own check: rolled back to build 100, marked bad.
        var failing = await UpdateAsync(settings, UpdateFixture.Failing);
        Assert.True(failing.Ok, failing.Message);
        Assert.Equal("b", failing.Data["slot"]);
        var rolledBack = await Eventually.ValueAsync(() => kiosk.Slots.LoadState() is { Trial: null, BadBuilds.Count: > 0 } s ? s : null, "the failing build decided", TimeSpan.FromSeconds(120));
        Assert.Equal([200L], rolledBack.BadBuilds);
        Assert.Equal((100L, "a"), (rolledBack.Build, kiosk.Slots.CurrentSlot()));
        await kiosk.AssertOneHealthyAgentAsync(kiosk.Slots.Slot("a"));
        Assert.Contains("rolled back (self_test", kiosk.Process.Output, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => Transactions(tx).Any(t => t.Contains("updateRolledBack", StringComparison.Ordinal) && t.Contains("self_test", StringComparison.Ordinal)), "central hears update_rolled_back", TimeSpan.FromSeconds(60));

        // Never retried: the same build again is refused before anything is unpacked.
        await Eventually.TrueAsync(
            () => kiosk.Process.Output is var output && output.IndexOf("rolled back (self_test", StringComparison.Ordinal) is >= 0 and var at && output.IndexOf("Connected to central broker", at, StringComparison.Ordinal) > at,
            "the old build connected again after the rollback",
            TimeSpan.FromSeconds(60));
        var again = await UpdateAsync(settings, UpdateFixture.Failing);
        Assert.Equal((false, "known_bad"), (again.Ok, again.Error));
        Assert.False(Directory.Exists(kiosk.Slots.Slot("b")), "the bad build's slot was cleared and not refilled");
        var status = await KioskctlProcess.RunAsync(["update", "--status"], env);
        Assert.Contains("running 1.1.0 build 100 from a", status.Output, StringComparison.Ordinal);
        Assert.Contains("bad builds (never tried again): 200", status.Output, StringComparison.Ordinal);
    }

    private Task<Contracts.V1.KioskCommandResult> UpdateAsync(AgentSettings settings, string bundle) =>
        fixture.Central.SendAsync(settings, "update_agent", new Dictionary<string, string> { ["url"] = fixture.Server.Url(bundle) });

    private List<string> Transactions(string topic) =>
        [.. fixture.Central.On(topic).Select(m => Encoding.UTF8.GetString(m.Payload))];
}
