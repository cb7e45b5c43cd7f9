using Grpc.Core;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// A simulated code scanner in a real agent (demo members): DeviceSimulator/ScanCode types a line the
/// way a real scanner does, and `kioskctl devices` lists the scanner beside the card reader.
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

        Assert.Equal(("desk-scanner", "too_long"), (refused.ScannerId, refused.RefusedReason));
        Assert.Equal("", taken.RefusedReason);
        Assert.StartsWith("QR ****", shown.Member.MaskedCard, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.True(exit == 0, output);
        Assert.Matches(@"(?m)^desk-scanner\s+scanner\s+Simulated\s+OK\s", output);
    }
}
