using KioskAgent.Hardware.Printer.Decoding;
using KioskAgent.Tests.Hardware.Printer;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Layout;
using KioskAgent.Tests.Testing.Serial;
using Microsoft.Playwright;

namespace KioskAgent.Tests.E2E;

/// <summary>
/// Print my statement from the member screen in headless Chromium: the touch button, the printer
/// (ESC/POS on a socat pty) receiving the statement, and the printer's state in the button's place,
/// checked by the layout check at the smallest landscape and the portrait panel in zh-CN and en.
/// </summary>
[Trait("Category", TestCategories.E2E)]
public sealed class StatementUiTests
{
    /// <summary>王小明 in the demo data.</summary>
    private const string GoldCard = "04A1B2C3D4E5F6";

    [Fact]
    public async Task TouchPrintMyStatement_PrintsIt_AndTheScreenSaysToTakeIt()
    {
        await using var pty = await SocatPtyPair.StartAsync();
        using var printer = FakeEscPosDevice.OnPty(pty.PathB);
        var settings = new Dictionary<string, string>
        {
            ["Devices__Discovery__PeriodMs"] = "300",
            ["Devices__Discovery__ScanDevicePaths"] = "false",
            ["Devices__Discovery__Pinned__0__Id"] = "receipt-printer",
            ["Devices__Discovery__Pinned__0__Bus"] = "serial",
            ["Devices__Discovery__Pinned__0__Address"] = pty.PathA,
            ["Devices__Discovery__Pinned__0__Driver"] = "escpos",
            ["Screen__ClearAfterSeconds"] = "600",
        };
        await using var agent = await AgentProcess.StartAsync(new AgentSettings { KioskId = "K-03", Demo = true, EmbeddedBroker = true, Extra = settings });
        await using var chromium = await ChromiumBrowser.LaunchAsync();
        var page = await chromium.NewKioskPageAsync();
        await page.GotoAsync(agent.UiUrl);
        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveAttributeAsync("data-state", "online");

        await agent.TapAsync(GoldCard);
        await Assertions.Expect(page.GetByTestId("member-statement")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("member-statement")).ToContainTextAsync("打印账户明细");
        await page.GetByTestId("member-statement").ClickAsync();

        var status = page.GetByTestId("statement-print-status");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-state", "printed", new() { Timeout = 20_000 });
        await Assertions.Expect(status).ToHaveTextAsync("请取走账户明细");
        await Assertions.Expect(page.GetByTestId("member-statement")).ToHaveCountAsync(0);
        var receipt = string.Join('\n', EscPosDecoder.Decode(printer.Received).VisibleLines);
        Assert.Contains("会员余额对账单", receipt, StringComparison.Ordinal);
        Assert.Contains("王*明", receipt, StringComparison.Ordinal);
        Assert.DoesNotContain("王小明", receipt, StringComparison.Ordinal);

        var problems = new List<string>();
        foreach (var language in new[] { "zh-CN", "en" })
        {
            await LanguageCheck.SwitchToAsync(page, language);
            foreach (var viewport in KioskViewport.All.Where(v => v.Name is "800x480" or "720x1280"))
            {
                await LayoutCheck.ResizeAsync(page, viewport);
                problems.AddRange((await LayoutCheck.ProblemsAsync(page)).Select(p => $"{language} @ {viewport}: {p}"));
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts("layout"), $"statement-printed-{language}-{viewport}.png") });
            }
        }

        await Assertions.Expect(status).ToHaveTextAsync("Please take your statement.");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }
}
