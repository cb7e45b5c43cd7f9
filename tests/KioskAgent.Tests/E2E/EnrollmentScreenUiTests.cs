using System.Diagnostics;
using Grpc.Core;
using Kioskctl.Provisioning;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Layout;
using KioskAgent.Tests.Testing.Provisioning;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KioskAgent.Tests.E2E;

/// <summary>
/// The enrollment screen of an unenrolled kiosk started with the shipped setting
/// (Provisioning:ShowEnrollmentScreen), in headless Chromium against the real agent: the code the
/// agent reports, a QR that zbar reads back as the slip's payload, "new code" killing the old code
/// for the real kioskctl, a burned code, and the screen leaving by itself once kioskctl enrolled
/// with the fingerprint as the screen shows it. Layout-checked at every display in zh-CN and en,
/// photographed into artifacts/test-results/enrollment.
/// </summary>
[Trait("Category", TestCategories.E2E)]
public sealed class EnrollmentScreenUiTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>What the QR canvas overlaps (the title, the facts, the buttons, the header), or lies outside the viewport.</summary>
    private const string QrCovers = """
        () => {
          const q = document.querySelector("[data-testid=enroll-qr]").getBoundingClientRect();
          const hits = [...document.querySelectorAll("header, .enroll-title, .enroll-main, .enroll-how, .enroll-controls, .enroll-hint")]
            .filter(e => { const r = e.getBoundingClientRect(); return r.left < q.right && q.left < r.right && r.top < q.bottom && q.top < r.bottom; })
            .map(e => e.className);
          if (q.top < 0 || q.left < 0 || q.bottom > innerHeight || q.right > innerWidth) hits.push("outside the viewport");
          return hits;
        }
        """;

    private readonly string _home = TestPaths.NewTempDirectory("kioskctl-home");
    private readonly List<string> _problems = [];
    private AgentProcess _agent = null!;
    private ChromiumBrowser _chromium = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _agent = await AgentProcess.StartAsync(new AgentSettings { EnrollmentScreen = true });
        _chromium = await ChromiumBrowser.LaunchAsync();
        _page = await _chromium.NewKioskPageAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task TheCodeQrAndFingerprint_NewCodeKillsTheOld_AndEnrollingLeavesForIdle()
    {
        await _page.GotoAsync(_agent.UiUrl);
        var state = await Provisioner.ScreenAsync(_agent);
        await Assertions.Expect(_page.GetByTestId("screen-enrollment")).ToBeVisibleAsync();
        await Assertions.Expect(_page.GetByTestId("screen-idle")).ToHaveCountAsync(0);
        Assert.Equal(state.Code, Digits(await _page.GetByTestId("enroll-code").TextContentAsync()));
        Assert.Equal(state.Fingerprint, Digits(await _page.GetByTestId("enroll-fingerprint").TextContentAsync()));
        Assert.Equal(state.Address, await _page.GetByTestId("enroll-address").TextContentAsync());
        Assert.Equal(state.Serial, await _page.GetByTestId("enroll-serial").TextContentAsync());
        Assert.Matches(@"^[0-9]{4} [0-9]{4}$", await _page.GetByTestId("enroll-code").TextContentAsync());
        Assert.Matches(@"^[0-9a-f]{4}( [0-9a-f]{4}){15}$", await _page.GetByTestId("enroll-fingerprint").TextContentAsync());
        await Assertions.Expect(_page.GetByTestId("enroll-status")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("有效期还剩 1[45]:[0-5][0-9]"));

        // The QR is the slip's: serial, fingerprint and address, never the code.
        var qr = await ReadQrAsync();
        Assert.Equal(state.QrPayload, qr);
        Assert.Contains($"fp={state.Fingerprint}", qr, StringComparison.Ordinal);
        Assert.DoesNotContain(state.Code, qr, StringComparison.Ordinal);
        await CheckEveryDisplayAsync("open");

        // "New code": the screen shows the agent's new code, and the old one is refused by kioskctl.
        await _page.GetByTestId("enroll-new-code").ClickAsync();
        await Assertions.Expect(_page.GetByTestId("enroll-code")).Not.ToHaveTextAsync(Grouped(state.Code));
        var fresh = await Provisioner.ScreenAsync(_agent);
        Assert.NotEqual(state.Code, fresh.Code);
        await Assertions.Expect(_page.GetByTestId("enroll-code")).ToHaveTextAsync(Grouped(fresh.Code));
        var shownFingerprint = (await _page.GetByTestId("enroll-fingerprint").TextContentAsync())!;
        // The old code through the QR's text alone (address and key to pin from the scan).
        var old = await KioskctlProcess.RunAsync(["enroll", qr, "--code", state.Code, "--name", "王工 Wang"], new Dictionary<string, string> { ["KIOSKCTL_HOME"] = _home });
        Assert.True(old.ExitCode != 0, old.Output);
        Assert.Contains("wrong enrollment code", old.Output, StringComparison.Ordinal);
        await Assertions.Expect(_page.GetByTestId("enroll-status")).ToContainTextAsync("4 of 5 tries left");
        await LanguageCheck.SwitchToAsync(_page, "zh-CN");
        await Assertions.Expect(_page.GetByTestId("enroll-status")).ToContainTextAsync("还可尝试 4 次");
        await CheckEveryDisplayAsync("one-wrong-try");

        // kioskctl with the new code and the fingerprint exactly as the screen groups it: the screen leaves by itself.
        var enrolled = await KioskctlEnrollAsync(Digits(await _page.GetByTestId("enroll-code").TextContentAsync()), shownFingerprint);
        Assert.True(enrolled.ExitCode == 0, enrolled.Output);
        Assert.Contains("as supervisor", enrolled.Output, StringComparison.Ordinal);
        await Assertions.Expect(_page.GetByTestId("screen-idle")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(_page.GetByTestId("screen-enrollment")).ToHaveCountAsync(0);
        await Assert.ThrowsAsync<RpcException>(() => Provisioner.ScreenAsync(_agent));
        Assert.True(_problems.Count == 0, $"{_problems.Count} layout problems:\n{string.Join('\n', _problems)}");
    }

    [Fact]
    public async Task FiveWrongTries_TheScreenSaysTheCodeIsUsedUp_AndOffersANewOne()
    {
        await _page.GotoAsync(_agent.UiUrl);
        var state = await Provisioner.ScreenAsync(_agent);
        await Assertions.Expect(_page.GetByTestId("screen-enrollment")).ToHaveAttributeAsync("data-phase", "open");
        var client = Provisioner.Client(_agent, state.Fingerprint);
        var (key, csr) = TechnicianIdentity.NewRequest("guesser");
        key.Dispose();
        var wrong = state.Code == "00000000" ? "11111111" : "00000000";
        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<RpcException>(() => client.EnrollAsync(new EnrollRequest { Code = wrong, CsrPem = csr, TechnicianName = "guesser" }).ResponseAsync);
        }

        await Assertions.Expect(_page.GetByTestId("screen-enrollment")).ToHaveAttributeAsync("data-phase", "burned");
        await Assertions.Expect(_page.GetByTestId("enroll-status")).ToContainTextAsync("作废");
        await Assertions.Expect(_page.GetByTestId("enroll-print")).ToHaveCountAsync(0);
        Assert.DoesNotContain(state.Code, await _page.GetByTestId("screen-enrollment").TextContentAsync(), StringComparison.Ordinal);
        await CheckEveryDisplayAsync("burned");

        await _page.GetByTestId("enroll-new-code").ClickAsync();
        await Assertions.Expect(_page.GetByTestId("screen-enrollment")).ToHaveAttributeAsync("data-phase", "open");
        var fresh = await Provisioner.ScreenAsync(_agent);
        await Assertions.Expect(_page.GetByTestId("enroll-code")).ToHaveTextAsync(Grouped(fresh.Code));
        Assert.Equal(5u, fresh.TriesLeft);

        // No printer on this kiosk: "print slip" says so and changes nothing else.
        await _page.GetByTestId("enroll-print").ClickAsync();
        await Assertions.Expect(_page.GetByTestId("enroll-print-status")).ToHaveAttributeAsync("data-state", "failed");
        Assert.True(_problems.Count == 0, $"{_problems.Count} layout problems:\n{string.Join('\n', _problems)}");
    }

    /// <summary>The QR element photographed at 1080p and read by the real zbarimg.</summary>
    private async Task<string> ReadQrAsync()
    {
        await LayoutCheck.ResizeAsync(_page, KioskViewport.All.Single(v => v.Name == "1920x1080"));
        var file = Path.Combine(TestPaths.Artifacts("enrollment"), "enrollment-qr.png");
        await _page.GetByTestId("enroll-qr").ScreenshotAsync(new LocatorScreenshotOptions { Path = file });
        var start = new ProcessStartInfo("zbarimg", ["--raw", "-q", file]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var zbar = Process.Start(start)!;
        var text = await zbar.StandardOutput.ReadToEndAsync();
        await zbar.WaitForExitAsync();
        Assert.True(zbar.ExitCode == 0, $"zbarimg found no QR code in {file}: {await zbar.StandardError.ReadToEndAsync()}");
        return text.TrimEnd('\n');
    }

    /// <summary>The layout check at every display, in zh-CN and en (problems collected), photographed at each.</summary>
    private async Task CheckEveryDisplayAsync(string name)
    {
        var folder = TestPaths.Artifacts("enrollment");
        foreach (var lang in new[] { "zh-CN", "en" })
        {
            await LanguageCheck.SwitchToAsync(_page, lang);
            foreach (var viewport in KioskViewport.All)
            {
                await LayoutCheck.ResizeAsync(_page, viewport);
                var problems = await LayoutCheck.ProblemsAsync(_page);
                _problems.AddRange(problems.Select(p => $"{name} {lang} @ {viewport}: {p}"));
                // The layout check looks at texts and buttons; the QR (a canvas) must not cover any either.
                var covered = await _page.EvaluateAsync<string[]>(QrCovers);
                _problems.AddRange(covered.Select(c => $"{name} {lang} @ {viewport}: the QR covers {c}"));
                var foreign = await LanguageCheck.ForeignTextsAsync(_page, lang, [_agent.Settings.KioskId]);
                _problems.AddRange(foreign.Select(t => $"{name} {lang} @ {viewport}: not in {lang}: {t}"));
                await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"enrollment-{name}-{lang}-{viewport}.png") });
            }
        }

        output.WriteLine($"{name}: checked at {KioskViewport.All.Count} sizes in 2 languages");
    }

    private Task<(int ExitCode, string Output)> KioskctlEnrollAsync(string code, string fingerprint) =>
        KioskctlProcess.RunAsync(
            ["enroll", Provisioner.Address(_agent), "--code", code, "--fingerprint", fingerprint, "--name", "王工 Wang"],
            new Dictionary<string, string> { ["KIOSKCTL_HOME"] = _home });

    private static string Digits(string? shown) => (shown ?? "").Replace(" ", "", StringComparison.Ordinal);

    private static string Grouped(string code) => $"{code[..4]} {code[4..]}";
}
