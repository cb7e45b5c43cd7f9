using KioskAgent.Contracts.V1;
using KioskAgent.Hardware.Printer.Decoding;
using KioskAgent.Tests.Hardware.Printer;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Serial;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// A receipt printer on a real pty pair configured as a device kind (Devices:Printer:Kind=EscPos,
/// Transport=Serial) instead of a pinned discovery entry: it is listed, its health follows paper-out,
/// and it prints the self-test page.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class ConfiguredPrinterTests : IAsyncLifetime
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
                ["Devices__Printer__Kind"] = "EscPos",
                ["Devices__Printer__Id"] = "counter-printer",
                ["Devices__Printer__Transport"] = "Serial",
                ["Devices__Printer__DevicePath"] = _pty.PathA,
                ["Devices__Printer__BaudRate"] = "19200",
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
        Eventually.ValueAsync(() => _devices.ListDevices(new ListDevicesRequest()).Devices.FirstOrDefault(d => d.DeviceId == "counter-printer" && d.State == state), what, TimeSpan.FromSeconds(30));

    [Fact]
    public async Task ConfiguredKind_IsListed_FollowsPaperOut_AndPrints()
    {
        var ok = await PrinterInState(DeviceState.Ok, "the configured printer to be connected and ok");
        Assert.Equal(("printer", "escpos"), (ok.Kind, ok.Driver));

        _printer.PaperOut = true;
        await PrinterInState(DeviceState.Fault, "paper out to show as a fault");
        _printer.PaperOut = false;
        await PrinterInState(DeviceState.Ok, "ok again");

        await _devices.PrintTestPageAsync(new PrintTestPageRequest(), TestTechnician.Headers());
        await Eventually.TrueAsync(() => EscPosDecoder.Decode(_printer.Received).QrPayloads.Count == 1, "the test page to print", TimeSpan.FromSeconds(30));
        Assert.Equal([$"KIOSK-SELFTEST:{_agent.Settings.KioskId}"], EscPosDecoder.Decode(_printer.Received).QrPayloads);
    }

    [Fact]
    public async Task BadPrinterSettings_StopTheAgentNamingTheKey()
    {
        await using var agent = AgentProcess.Launch(new AgentSettings
        {
            Extra = new Dictionary<string, string> { ["Devices__Printer__Kind"] = "EscPos", ["Devices__Printer__Transport"] = "Usb" },
        });

        Assert.Equal(78, await agent.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Devices:Printer:DevicePath is required for Transport Usb.", agent.Output, StringComparison.Ordinal);
    }
}
