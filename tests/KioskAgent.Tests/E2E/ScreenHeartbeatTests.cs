using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;
using Microsoft.Playwright;

namespace KioskAgent.Tests.E2E;

/// <summary>
/// The browser is supervised: the page beats, the screen is a device in the kiosk's health, and a
/// closed (crashed, frozen) page turns it to a fault that ops see in the MQTT health report and a
/// technician in kioskctl devices.
/// </summary>
[Trait("Category", TestCategories.E2E)]
public sealed class ScreenHeartbeatTests : IAsyncLifetime
{
    private MosquittoBroker _broker = null!;
    private MqttProbe _health = null!;
    private AgentProcess _agent = null!;
    private ChromiumBrowser _chromium = null!;

    public async Task InitializeAsync()
    {
        _broker = await MosquittoBroker.StartAsync();
        var settings = new AgentSettings
        {
            BrokerPort = _broker.Port,
            Extra = new Dictionary<string, string>
            {
                ["Screen__HeartbeatTimeoutSeconds"] = "3",
                ["Central__TelemetrySeconds"] = "1",
            },
        };
        _health = await MqttProbe.ConnectAsync(_broker.Port, HealthReports.Topic(settings));
        _agent = await AgentProcess.StartAsync(settings);
        _chromium = await ChromiumBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _agent.DisposeAsync();
        await _health.DisposeAsync();
        await _broker.DisposeAsync();
    }

    [Fact]
    public async Task ClosingThePage_TurnsTheScreenToAFault_AndReopeningItBackToOk()
    {
        var devices = new Contracts.V1.Devices.DevicesClient(_agent.Channel);
        Assert.DoesNotContain(devices.ListDevices(new ListDevicesRequest()).Devices, d => d.DeviceId == "screen");

        var page = await OpenAsync();
        var ok = await ScreenAsync(devices, DeviceState.Ok, "the open page to make the screen ok");
        Assert.Equal(("screen", "kiosk-ui"), (ok.Kind, ok.Driver));

        await page.Context.CloseAsync();
        var fault = await ScreenAsync(devices, DeviceState.Fault, "the closed page to make the screen a fault");
        Assert.Equal("no heartbeat for 3 s", fault.Reason);
        await Eventually.TrueAsync(
            () => HealthReports.Latest(_health)?.Devices.Any(d => d.DeviceId == "screen" && d.State == DeviceState.Fault && d.Reason == "no heartbeat for 3 s") == true,
            "the fault in the MQTT health report");
        var (exit, output) = await KioskctlProcess.RunAsync(["--agent", $"http://127.0.0.1:{_agent.Settings.GrpcPort}", "devices"]);
        Assert.True(exit == 0 && output.Contains("no heartbeat for 3 s", StringComparison.Ordinal), $"kioskctl devices ({exit}):\n{output}");

        await OpenAsync();
        await ScreenAsync(devices, DeviceState.Ok, "the reopened page to make the screen ok again");
        await Eventually.TrueAsync(
            () => HealthReports.Latest(_health)?.Devices.Any(d => d.DeviceId == "screen" && d.State == DeviceState.Ok) == true,
            "ok again in the MQTT health report");
    }

    private async Task<IPage> OpenAsync()
    {
        var page = await _chromium.NewKioskPageAsync();
        await page.GotoAsync(_agent.UiUrl);
        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveAttributeAsync("data-state", "online");
        return page;
    }

    private static Task<DeviceStatus> ScreenAsync(Contracts.V1.Devices.DevicesClient devices, DeviceState state, string what) =>
        Eventually.ValueAsync(() => devices.ListDevices(new ListDevicesRequest()).Devices.FirstOrDefault(d => d.DeviceId == "screen" && d.State == state), what, TimeSpan.FromSeconds(30));
}
