using KioskAgent.Hardware.Printer.Decoding;
using KioskAgent.Tests.Hardware.Printer;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Provisioning;
using KioskAgent.Tests.Testing.Serial;
using Microsoft.Playwright;

namespace KioskAgent.Tests.E2E;

/// <summary>
/// "Print slip" on the enrollment screen in headless Chromium: the receipt printer (ESC/POS on a
/// socat pty) receives the slip with the code on screen, the fingerprint and the same QR as the screen.
/// </summary>
[Trait("Category", TestCategories.E2E)]
public sealed class EnrollmentSlipUiTests
{
    [Fact]
    public async Task TouchPrintSlip_PrintsTheCodeFingerprintAndTheScreensQr()
    {
        await using var pty = await SocatPtyPair.StartAsync();
        using var printer = FakeEscPosDevice.OnPty(pty.PathB);
        var settings = new Dictionary<string, string>(TestTechnician.Settings)
        {
            ["Devices__Discovery__PeriodMs"] = "300",
            ["Devices__Discovery__ScanDevicePaths"] = "false",
            ["Devices__Discovery__Pinned__0__Id"] = "receipt-printer",
            ["Devices__Discovery__Pinned__0__Bus"] = "serial",
            ["Devices__Discovery__Pinned__0__Address"] = pty.PathA,
            ["Devices__Discovery__Pinned__0__Driver"] = "escpos",
        };
        await using var agent = await AgentProcess.StartAsync(new AgentSettings { EnrollmentScreen = true, Extra = settings });
        await using var chromium = await ChromiumBrowser.LaunchAsync();
        var page = await chromium.NewKioskPageAsync();
        await page.GotoAsync(agent.UiUrl);
        await Assertions.Expect(page.GetByTestId("screen-enrollment")).ToBeVisibleAsync();
        var state = await Provisioner.ScreenAsync(agent);

        // The printer is found by discovery shortly after start.
        var devices = new Contracts.V1.Devices.DevicesClient(agent.Channel);
        await Eventually.ValueAsync(() => devices.ListDevices(new Contracts.V1.ListDevicesRequest()).Devices.FirstOrDefault(d => d.DeviceId == "receipt-printer" && d.State == Contracts.V1.DeviceState.Ok), "the printer", TimeSpan.FromSeconds(30));
        await page.GetByTestId("enroll-print").ClickAsync();
        var status = page.GetByTestId("enroll-print-status");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-state", "printing");
        await Assertions.Expect(status).ToContainTextAsync("登记单正在打印");

        var slip = await Eventually.ValueAsync(() => Slip(printer.Received), "the whole slip at the printer", TimeSpan.FromSeconds(60));
        var lines = string.Join('\n', slip.VisibleLines);
        Assert.Contains("终端登记", lines, StringComparison.Ordinal);
        Assert.Contains((await page.GetByTestId("enroll-code").TextContentAsync())!, lines, StringComparison.Ordinal);
        Assert.Contains(state.Fingerprint[..32], lines, StringComparison.Ordinal);
        Assert.Contains(state.Fingerprint[32..], lines, StringComparison.Ordinal);
        Assert.Equal([state.QrPayload], slip.QrPayloads);
    }

    /// <summary>The slip once it has arrived whole (its QR and the closing command line), else null.</summary>
    private static DecodedReceipt? Slip(byte[] received)
    {
        try
        {
            var slip = EscPosDecoder.Decode(received);
            return slip.QrPayloads.Count > 0 && slip.VisibleLines.Any(l => l.StartsWith("kioskctl", StringComparison.Ordinal)) ? slip : null;
        }
        catch (EscPosDecodeException)
        {
            return null; // still arriving
        }
    }
}
