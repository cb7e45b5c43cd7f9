using Grpc.Health.V1;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// A member's digital card QR shown to the camera of a real agent (demo members, file-fed camera,
/// real libzbar): the same path as a card tap, one tap per showing, refusals with reasons, health.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class CameraQrTests
{
    // Demo member 王小明's digital card (DemoMembers).
    private const string WangCode = "KM1:demo-member-80001001";
    private readonly CameraFrames _camera = new();

    private Task<AgentProcess> StartAsync() => AgentProcess.StartAsync(new AgentSettings { Demo = true, EmbeddedBroker = true, Extra = _camera.AgentSettings() });

    [Fact]
    public async Task MemberQr_HeldInFront_IsOneTap_AndShownAgainAfterLeavingTheView_IsASecond()
    {
        await using var agent = await StartAsync();
        await WaitForCameraAsync(agent, Contracts.V1.DeviceState.Ok);
        Assert.True((await ScreenReader.CurrentAsync(agent.Channel)).Idle.QrAccepted);
        Assert.True((await new KioskUi.KioskUiClient(agent.Channel).GetKioskInfoAsync(new GetKioskInfoRequest())).QrAccepted);

        _camera.Show(WangCode);
        var first = await ScreenReader.WaitForAsync(agent.Channel, s => s.Member?.MaskedName == "王*明", "王小明 on the screen");
        // Held for two seconds at 10 frames/s, alternating two renderings so each frame is decoded again.
        for (var i = 0; i < 8; i++)
        {
            _camera.Show(WangCode, pixelsPerModule: i % 2 == 0 ? 8 : 6);
            await Task.Delay(250);
        }

        var journal = new JournalFile(agent.Settings.DataDirectory);
        Assert.Equal(1, journal.Count());
        Assert.Equal(first.Member.TransactionId, (await ScreenReader.CurrentAsync(agent.Channel)).Member.TransactionId);
        Assert.StartsWith("QR ****", first.Member.MaskedCard, StringComparison.Ordinal);

        _camera.Nothing();
        await Task.Delay(3000); // longer than GoneAfterMs: the code has left the view
        _camera.Show(WangCode);

        await ScreenReader.WaitForAsync(agent.Channel, s => s.Member is { } m && m.TransactionId != first.Member.TransactionId, "a second tap");
        Assert.Equal(2, journal.Count());
        Assert.DoesNotContain("demo-member-80001001", agent.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownToken_IsRefusedWithItsReason_AndAVoucherIsForStaff()
    {
        await using var agent = await StartAsync();
        await WaitForCameraAsync(agent, Contracts.V1.DeviceState.Ok);

        _camera.Show("KM1:AAAAAAAAAAAAAAAAAAAAAAAA");
        var refusal = await ScreenReader.WaitForAsync(agent.Channel, s => s.Refusal is not null, "a refusal");
        Assert.Equal("qr_unknown", refusal.Refusal.ReasonCode);
        Assert.Contains("刷新", refusal.Refusal.Message, StringComparison.Ordinal);

        _camera.Show("KV1:voucher-0123456789abcdef");
        var voucher = await ScreenReader.WaitForAsync(agent.Channel, s => s.Refusal?.ReasonCode == "qr_voucher_staff_only", "the voucher answer");
        Assert.Contains("工作人员", voucher.Refusal.Message, StringComparison.Ordinal);
        Assert.Equal(1, new JournalFile(agent.Settings.DataDirectory).Count()); // vouchers are not member taps
    }

    [Fact]
    public async Task CameraHealth_IsInTheDeviceListAndGrpcHealth_AndFollowsTheCamera()
    {
        await using var agent = await StartAsync();
        var health = new Health.HealthClient(agent.Channel);
        var ok = await WaitForCameraAsync(agent, Contracts.V1.DeviceState.Ok);
        Assert.Equal(("camera", "Files"), (ok.Kind, ok.Driver));
        Assert.Equal("ok: files", ok.Reason); // says which camera is in use
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest { Service = "kiosk.v1.Camera" })).Status);

        _camera.Unplug();

        var fault = await WaitForCameraAsync(agent, Contracts.V1.DeviceState.Fault);
        Assert.StartsWith("file_missing", fault.Reason, StringComparison.Ordinal);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest { Service = "kiosk.v1.Camera" })).Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);

        _camera.Nothing();
        await WaitForCameraAsync(agent, Contracts.V1.DeviceState.Ok);
    }

    [Fact]
    public async Task CameraHealth_AndItsCounters_AreInTheMqttHealthReport()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var settings = new AgentSettings { BrokerPort = broker.Port, Extra = new Dictionary<string, string>(_camera.AgentSettings()) { ["Central__TelemetrySeconds"] = "1" } };
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, HealthReports.Topic(settings));
        await using var agent = await AgentProcess.StartAsync(settings);

        var report = await Eventually.ValueAsync(
            () => HealthReports.Latest(probe) is { } r && r.Devices.Any(d => d.DeviceId == "camera" && d.State == Contracts.V1.DeviceState.Ok) && r.Counter("camera.frames.unchanged") > 0 ? r : null,
            "a health report with the camera working");

        var camera = report.Devices.Single(d => d.DeviceId == "camera");
        Assert.Equal(("camera", "Files"), (camera.Kind, camera.Driver));
        Assert.True(report.Counter("camera.frames.decoded") >= 1);
    }

    [Fact]
    public async Task WithoutACamera_TheIdleScreenDoesNotOfferQr()
    {
        await using var agent = await AgentProcess.StartAsync(new AgentSettings { EmbeddedBroker = true });

        Assert.False((await ScreenReader.CurrentAsync(agent.Channel)).Idle.QrAccepted);
        var devices = await new Contracts.V1.Devices.DevicesClient(agent.Channel).ListDevicesAsync(new ListDevicesRequest());
        Assert.DoesNotContain(devices.Devices, d => d.Kind == "camera");
    }

    [Fact]
    public async Task ABadCameraConfiguration_StopsTheAgent_NamingEverySetting()
    {
        await using var agent = AgentProcess.Launch(new AgentSettings
        {
            Extra = new Dictionary<string, string> { ["Devices__Camera__Kind"] = "Files", ["Devices__Camera__MaxCpuPercent"] = "0" },
        });

        Assert.Equal(Hosting.AgentProgram.ConfigurationErrorExitCode, await agent.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("Devices:Camera:Path is required", agent.Output, StringComparison.Ordinal);
        Assert.Contains("Devices:Camera:MaxCpuPercent", agent.Output, StringComparison.Ordinal);
    }

    private static Task<DeviceStatus> WaitForCameraAsync(AgentProcess agent, Contracts.V1.DeviceState state)
    {
        var devices = new Contracts.V1.Devices.DevicesClient(agent.Channel);
        return Eventually.ValueAsync(
            () => devices.ListDevices(new ListDevicesRequest()).Devices.FirstOrDefault(d => d.DeviceId == "camera" && d.State == state),
            $"the camera to be {state}");
    }
}
