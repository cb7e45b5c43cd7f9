using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Provisioning;
using ViewCase = KioskAgent.Contracts.V1.Screen.ViewOneofCase;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// The enrollment screen on the screen stream of a real agent started with the shipped
/// Provisioning:ShowEnrollmentScreen: in idle's place while enrollment is open, pushed again on every
/// change, gone once a technician enrolled, back for a supervisor's re-enrollment and after a factory
/// reset; never in demo mode.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class EnrollmentScreenTests
{
    [Fact]
    public async Task AProductionStart_ShowsEnrollment_AWrongTryIsPushed_AndEnrollingBringsIdle()
    {
        await using var agent = await AgentProcess.StartAsync(new AgentSettings { EnrollmentScreen = true });
        var state = await Provisioner.ScreenAsync(agent);

        var shown = await ScreenReader.CurrentAsync(agent.Channel);
        Assert.Equal(ViewCase.Enrollment, shown.ViewCase);
        Assert.Equal(state, shown.Enrollment.State);
        Assert.Equal((5u, false, 0u), (shown.Enrollment.TriesAllowed, shown.Enrollment.Reopened, shown.ClearAfterSeconds));
        Assert.Equal(shown.Enrollment.QrRows.Count, shown.Enrollment.QrRows[0].Length);

        await TryWrongCodeAsync(agent, state);
        await ScreenReader.WaitForAsync(agent.Channel, s => s.ViewCase == ViewCase.Enrollment && s.Enrollment.State.TriesLeft == 4, "4 tries left");

        using var certificate = await Provisioner.EnrollAsync(agent);
        await ScreenReader.WaitForAsync(agent.Channel, s => s.ViewCase == ViewCase.Idle, "idle once enrolled");
    }

    [Fact]
    public async Task ASupervisorsReenrollment_ShowsTheScreenAgain_UntilTheCodeIsUsed()
    {
        await using var agent = await AgentProcess.StartAsync(new AgentSettings { EnrollmentScreen = true });
        var fingerprint = (await Provisioner.ScreenAsync(agent)).Fingerprint;
        using var supervisor = await Provisioner.EnrollAsync(agent, "lead");
        await ScreenReader.WaitForAsync(agent.Channel, s => s.ViewCase == ViewCase.Idle, "idle once enrolled");

        var opened = await Provisioner.Client(agent, fingerprint, supervisor).OpenEnrollmentAsync(new OpenEnrollmentRequest { Role = "technician" });

        var shown = await ScreenReader.WaitForAsync(agent.Channel, s => s.ViewCase == ViewCase.Enrollment, "the enrollment screen again");
        Assert.Equal((opened.Code, true), (shown.Enrollment.State.Code, shown.Enrollment.Reopened));
        using var junior = await Provisioner.EnrollAsync(agent, "junior");
        await ScreenReader.WaitForAsync(agent.Channel, s => s.ViewCase == ViewCase.Idle, "idle once the second technician enrolled");
    }

    [Fact]
    public async Task FactoryReset_ReturnsToTheEnrollmentScreen_WithANewKey()
    {
        var settings = new AgentSettings { EnrollmentScreen = true };
        var agent = await AgentProcess.StartAsync(settings);
        string fingerprint;
        await using (agent)
        {
            fingerprint = (await Provisioner.ScreenAsync(agent)).Fingerprint;
            using var certificate = await Provisioner.EnrollAsync(agent);
            await ScreenReader.WaitForAsync(agent.Channel, s => s.ViewCase == ViewCase.Idle, "idle once enrolled");
            await Provisioner.Client(agent, fingerprint, certificate).FactoryResetAsync(new FactoryResetRequest { ConfirmKioskId = settings.KioskId });
            Assert.Equal(75, await agent.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        }

        await using var restarted = await AgentProcess.StartAsync(settings);
        var shown = await ScreenReader.CurrentAsync(restarted.Channel);
        Assert.Equal(ViewCase.Enrollment, shown.ViewCase);
        Assert.NotEqual(fingerprint, shown.Enrollment.State.Fingerprint);
        Assert.Matches("^[0-9]{8}$", shown.Enrollment.State.Code);
    }

    [Fact]
    public async Task DemoMode_KeepsTheMemberIdleScreen_WhileEnrollmentStaysOpen()
    {
        await using var agent = await AgentProcess.StartAsync(new AgentSettings { Demo = true, EmbeddedBroker = true, EnrollmentScreen = true });

        var shown = await ScreenReader.CurrentAsync(agent.Channel);
        var state = await Provisioner.ScreenAsync(agent);

        Assert.Equal(ViewCase.Idle, shown.ViewCase);
        Assert.Matches("^[0-9]{8}$", state.Code);
        Assert.DoesNotContain("Enrollment screen shown in place of idle", agent.Output, StringComparison.Ordinal);
    }

    private static async Task TryWrongCodeAsync(AgentProcess agent, EnrollmentState state)
    {
        var (key, csr) = Kioskctl.Provisioning.TechnicianIdentity.NewRequest("guesser");
        key.Dispose();
        var wrong = state.Code == "00000000" ? "11111111" : "00000000";
        await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => Provisioner.Client(agent, state.Fingerprint).EnrollAsync(new EnrollRequest { Code = wrong, CsrPem = csr, TechnicianName = "guesser" }).ResponseAsync);
    }
}
