using KioskAgent.Contracts.V1;
using KioskAgent.Draws;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Layout;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KioskAgent.Tests.E2E;

/// <summary>
/// Acceptance 4's draw in headless Chromium against the real agent: members tap to join, staff
/// freeze, commit (hash and QR on stage), draw (the animation lands on the record's winners),
/// mark a winner absent (the next alternate of the order takes the prize, never a new draw); the
/// stage passes the layout check at every display size and is photographed into
/// artifacts/test-results/draws. The staff session is the test one (Staff:TestSession).
/// </summary>
[Trait("Category", TestCategories.E2E)]
public sealed class DrawStageUiTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] Names = ["王小明", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄丽"];
    private readonly List<string> _problems = [];
    private AgentProcess _agent = null!;
    private ChromiumBrowser _chromium = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        var extra = new Dictionary<string, string>(TestTechnician.Settings)
        {
            ["Staff__TestSession__StaffId"] = "demo-staff", ["Staff__TestSession__DisplayName"] = "Demo staff", ["Staff__TestSession__Role"] = "Supervisor",
            ["Kiosk__Language"] = "bilingual",
        };
        _agent = await AgentProcess.StartAsync(new AgentSettings { Demo = true, EmbeddedBroker = true, Extra = extra });
        var batch = new MemberBatch();
        for (var i = 0; i < Names.Length; i++)
        {
            batch.Members.Add(new MemberRecord
            {
                MemberNumber = $"7700000{i + 1}", Name = Names[i], Level = "standard", Currency = "CNY",
                Cards = { new CardRecord { Uid = Card(i), CardNumber = $"550000{i + 1}", State = MemberCardState.Active } },
            });
        }

        await LayoutMembers.ImportAsync(_agent.Channel, batch);
        _chromium = await ChromiumBrowser.LaunchAsync();
        _page = await _chromium.NewKioskPageAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task AThreeTierDraw_WithAnAbsentWinner_ReplacedByTheNextAlternate()
    {
        await _page.GotoAsync(_agent.UiUrl);
        await Assertions.Expect(_page.GetByTestId("connection-status")).ToHaveAttributeAsync("data-state", "online");
        var draws = new DrawService.DrawServiceClient(_agent.Channel);
        await draws.CreateDrawAsync(new CreateDrawRequest
        {
            DrawId = "gala", Title = "2026 年会抽奖 · Annual gala prize draw", Type = "winners", PoolMode = DrawPoolMode.TapToJoin, ActivityId = "gala-2026",
            Tiers =
            {
                new DrawTierSpec { Name = "一等奖 First prize", Count = 1, Level = 1 },
                new DrawTierSpec { Name = "二等奖 Second prize", Count = 1, Level = 2 },
                new DrawTierSpec { Name = "三等奖 Third prize", Count = 2, Level = 3 },
            },
        });
        await Assertions.Expect(_page.Locator("[data-testid=screen-draw][data-state=joining]")).ToBeVisibleAsync();
        for (var i = 0; i < Names.Length; i++)
        {
            await _agent.TapAsync(Card(i), 50);
            await Assertions.Expect(_page.GetByTestId("draw-joined")).ToContainTextAsync(MaskedStart(Names[i]));
        }

        await CheckAsync("joining");
        await _page.GetByTestId("draw-freeze").ClickAsync();
        await Assertions.Expect(_page.Locator("[data-testid=screen-draw][data-state=frozen]")).ToBeVisibleAsync();
        await _page.GetByTestId("draw-commit").ClickAsync();
        await Assertions.Expect(_page.GetByTestId("draw-qr")).ToBeVisibleAsync();
        var committed = (await draws.GetDrawAsync(new GetDrawRequest { DrawId = "gala" })).Draw;
        Assert.Equal(8u, committed.PoolCount);
        Assert.Equal(committed.CommitmentSha256, (await _page.GetByTestId("draw-commitment-hash").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal));
        await CheckAsync("committed");

        await _page.GetByTestId("draw-draw").ClickAsync();
        await Assertions.Expect(_page.Locator("[data-testid=screen-draw][data-state=drawn]")).ToBeVisibleAsync();
        await _page.WaitForFunctionAsync("() => document.querySelectorAll('.winner-code.spinning').length === 0", null, new() { Timeout = 20_000 });
        var record = DrawRecordReader.Read(CanonicalJson.Parse((await draws.ExportRecordAsync(new ExportRecordRequest { DrawId = "gala" })).RecordJson.ToByteArray()), out _);
        Assert.Equal(record.Winners.Select(w => w.Id), await _page.Locator(".winner-code").AllTextContentsAsync());
        await CheckAsync("drawn");

        var absent = record.Winners[0].Id; // the first prize drawn: 三等奖, the lowest tier, goes first
        await _page.GetByTestId($"absent-{absent}").ClickAsync();
        await Assertions.Expect(_page.GetByTestId($"winner-{absent}")).ToHaveAttributeAsync("data-status", "replaced_absent");
        await Assertions.Expect(_page.GetByTestId($"winner-{record.Order[4]}")).ToHaveAttributeAsync("data-status", "won");
        await _page.GetByTestId($"claim-{record.Winners[3].Id}").ClickAsync();
        await Assertions.Expect(_page.GetByTestId($"winner-{record.Winners[3].Id}")).ToHaveAttributeAsync("data-status", "claimed");
        await CheckAsync("replaced");

        var final = (await draws.ExportRecordAsync(new ExportRecordRequest { DrawId = "gala" })).RecordJson.ToByteArray();
        Assert.True(DrawVerifier.Verify(final).IsValid);
        Assert.Equal(new DrawReplacement(0, absent, record.Order[4], "absent"), DrawRecordReader.Read(CanonicalJson.Parse(final), out _).Replacements.Single());
        Assert.True(_problems.Count == 0, $"{_problems.Count} layout problems:\n{string.Join('\n', _problems)}");
    }

    private static string Card(int i) => $"04D0A00000000{i + 1:D3}";

    private static string MaskedStart(string name) => name[..1];

    /// <summary>The layout check at every viewport (problems collected), photographed at each.</summary>
    private async Task CheckAsync(string name)
    {
        var folder = TestPaths.Artifacts("draws");
        foreach (var viewport in KioskViewport.All)
        {
            await LayoutCheck.ResizeAsync(_page, viewport);
            var problems = await LayoutCheck.ProblemsAsync(_page);
            _problems.AddRange(problems.Select(p => $"{name} @ {viewport}: {p}"));
            await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"draw-{name}-{viewport}.png") });
        }

        output.WriteLine($"{name}: checked at {KioskViewport.All.Count} sizes");
    }
}
