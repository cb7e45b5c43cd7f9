using KioskAgent.Contracts.V1;
using KioskAgent.Hardware.Printer.Decoding;
using KioskAgent.Tests.Hardware.Printer;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Serial;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// A receipt printer on a real pty pair, found by the agent's discovery as a pinned serial device:
/// health follows paper-out and unplug/replug, and a held test page prints when the paper is back.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class PrinterDeviceTests : IAsyncLifetime
{
    private SocatPtyPair _pty = null!;
    private FakeEscPosDevice _printer = null!;
    private AgentProcess _agent = null!;
    private Contracts.V1.Devices.DevicesClient _devices = null!;

    public async Task InitializeAsync()
    {
        _pty = await SocatPtyPair.StartAsync();
        _printer = FakeEscPosDevice.OnPty(_pty.PathB);
        _agent = await AgentProcess.StartAsync(new AgentSettings
        {
            EmbeddedBroker = true,
            Extra = new Dictionary<string, string>(TestTechnician.Settings)
            {
                ["Devices__Discovery__PeriodMs"] = "300",
                ["Devices__Discovery__ScanDevicePaths"] = "false",
                ["Devices__Discovery__Pinned__0__Id"] = "receipt-printer",
                ["Devices__Discovery__Pinned__0__Bus"] = "serial",
                ["Devices__Discovery__Pinned__0__Address"] = _pty.PathA,
                ["Devices__Discovery__Pinned__0__Driver"] = "escpos",
                ["Printing__StatusPollMs"] = "200",
            },
        });
        _devices = new Contracts.V1.Devices.DevicesClient(_agent.Channel);
    }

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        _printer.Dispose();
        await _pty.DisposeAsync();
    }

    private Task<DeviceStatus> PrinterInState(DeviceState state, string what) =>
        Eventually.ValueAsync(() => _devices.ListDevices(new ListDevicesRequest()).Devices.FirstOrDefault(d => d.DeviceId == "receipt-printer" && d.State == state), what, TimeSpan.FromSeconds(30));

    [Fact]
    public async Task PaperOut_IsAFault_AndTheHeldTestPagePrintsWhenPaperIsBack()
    {
        var ok = await PrinterInState(DeviceState.Ok, "the printer to be found and ok");
        Assert.Equal(("printer", "escpos"), (ok.Kind, ok.Driver));

        _printer.PaperOut = true;
        var fault = await PrinterInState(DeviceState.Fault, "paper out to show as a fault");
        Assert.Contains("paper", fault.Reason, StringComparison.OrdinalIgnoreCase);

        await _devices.PrintTestPageAsync(new PrintTestPageRequest(), TestTechnician.Headers());
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(EscPosDecoder.Decode(_printer.Received).QrPayloads);

        _printer.PaperOut = false;
        await Eventually.TrueAsync(() => EscPosDecoder.Decode(_printer.Received).QrPayloads.Count == 1, "the held test page to print", TimeSpan.FromSeconds(30));
        var page = EscPosDecoder.Decode(_printer.Received);
        Assert.Contains(page.TextLines, l => l.Contains("会员积分兑换礼品", StringComparison.Ordinal));
        Assert.Equal([$"KIOSK-SELFTEST:{_agent.Settings.KioskId}"], page.QrPayloads);
        await PrinterInState(DeviceState.Ok, "ok again");
    }

    [Fact]
    public async Task Unplug_IsAbsentWithinADiscoveryPeriod_AndReplugRecoversWithoutRestart()
    {
        await PrinterInState(DeviceState.Ok, "the printer to be found and ok");

        _printer.Dispose();
        await _pty.StopAsync();
        var absent = await PrinterInState(DeviceState.Absent, "the unplugged printer to be absent");
        Assert.False(_agent.HasExited);

        await _pty.StartAgainAsync();
        _printer = FakeEscPosDevice.OnPty(_pty.PathB);
        await PrinterInState(DeviceState.Ok, "the replugged printer to be ok");
        Assert.NotEmpty(absent.Reason);
    }
}
