using Grpc.Core;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// A simulated code scanner in a real agent (demo members): DeviceSimulator/ScanCode types a line the
/// way a real scanner does, and `kioskctl devices` lists the scanner beside the card reader; bad
/// scanner settings stop the agent naming each problem.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class SimulatedScannerTests
{
    [Fact]
    public async Task ScanCode_MemberQr_ShowsTheMember_AGarbageLineIsRefused_AndKioskctlListsTheScanner()
    {
        await using var agent = await AgentProcess.StartAsync(new AgentSettings
        {
            Demo = true,
            EmbeddedBroker = true,
            Extra = new Dictionary<string, string> { ["Devices__Scanners__0__Id"] = "desk-scanner", ["Devices__Scanners__0__Kind"] = "Simulated" },
        });
        var simulator = new DeviceSimulator.DeviceSimulatorClient(agent.Channel);

        var refused = await simulator.ScanCodeAsync(new ScanCodeRequest { Code = new string('9', 2000) });
        var taken = await simulator.ScanCodeAsync(new ScanCodeRequest { ScannerId = "desk-scanner", Code = "KM1:demo-member-80001001" });
        var shown = await ScreenReader.WaitForAsync(agent.Channel, s => s.Member?.MaskedName == "王*明", "王小明 on the screen");
        var missing = await Assert.ThrowsAsync<RpcException>(async () => await simulator.ScanCodeAsync(new ScanCodeRequest { ScannerId = "nope", Code = "x" }));
        var (exit, output) = await KioskctlProcess.RunAsync(["--agent", $"http://127.0.0.1:{agent.Settings.GrpcPort}", "devices"]);
        var viaKioskctl = await KioskctlProcess.RunAsync(["--agent", $"http://127.0.0.1:{agent.Settings.GrpcPort}", "sim", "scan", "KM1:demo-member-80001002"]);
        var garbageViaKioskctl = await KioskctlProcess.RunAsync(["--agent", $"http://127.0.0.1:{agent.Settings.GrpcPort}", "sim", "scan", "KM1:\u0007"]);

        Assert.Equal(("desk-scanner", "too_long"), (refused.ScannerId, refused.RefusedReason));
        Assert.Equal("", taken.RefusedReason);
        Assert.StartsWith("QR ****", shown.Member.MaskedCard, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.True(exit == 0, output);
        Assert.Matches(@"(?m)^desk-scanner\s+scanner\s+Simulated\s+OK\s", output);
        Assert.Equal((0, "scanned on desk-scanner"), (viaKioskctl.ExitCode, viaKioskctl.Output.Trim()));
        Assert.Equal((1, "refused on desk-scanner: invalid_token"), (garbageViaKioskctl.ExitCode, garbageViaKioskctl.Output.Trim()));
    }

    [Fact]
    public async Task BadScannerSettings_StopTheAgent_NamingEveryProblem()
    {
        await using var agent = AgentProcess.Launch(new AgentSettings
        {
            Extra = new Dictionary<string, string>
            {
                ["Devices__Scanners__0__Id"] = "member-1",
                ["Devices__Scanners__0__Kind"] = "Serial",
                ["Devices__Scanners__0__Framing"] = "StxEtx",
                ["Devices__Scanners__1__Id"] = "scanner-2",
                ["Devices__Scanners__1__Kind"] = "Pcsc",
                ["Devices__Scanners__2__Id"] = "door-camera",
                ["Devices__Scanners__2__Kind"] = "Simulated",
                ["Devices__Camera__Kind"] = "Files",
                ["Devices__Camera__Id"] = "door-camera",
            },
        });

        Assert.Equal(78, await agent.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Devices:Scanners: scanner id 'member-1' is used more than once.", agent.Output, StringComparison.Ordinal);
        Assert.Contains("Devices:Scanners:0:DevicePath is required for a Serial scanner.", agent.Output, StringComparison.Ordinal);
        Assert.Contains("Devices:Scanners:0:Framing 'StxEtx' must be Cr, Lf or CrLf.", agent.Output, StringComparison.Ordinal);
        Assert.Contains("Devices:Scanners:1:Kind 'Pcsc' is not a scanner kind; use one of: Simulated, Evdev, Serial.", agent.Output, StringComparison.Ordinal);
        Assert.Contains("Devices:Scanners: scanner id 'door-camera' is the camera's id (Devices:Camera:Id)", agent.Output, StringComparison.Ordinal);
    }
}
