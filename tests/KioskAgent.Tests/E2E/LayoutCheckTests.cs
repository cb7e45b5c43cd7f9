using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Layout;

namespace KioskAgent.Tests.E2E;

/// <summary>The layout check itself, on fixtures made to break it: it must catch each fault, and pass a page that fits.</summary>
[Trait("Category", TestCategories.E2E)]
public sealed class LayoutCheckTests(ChromiumFixture browser) : IClassFixture<ChromiumFixture>
{
    private const string Page = """
        <!doctype html><html><head><style>
          html, body { margin: 0; height: 100%; overflow: hidden; background: #0b1a2e; color: #f4f7fb; font: 20px sans-serif; }
          .box { position: absolute; }
          button { font: inherit; min-width: 120px; min-height: 56px; }
          .list { height: 120px; overflow-y: auto; }
          .list div { height: 60px; }
          .ellipsis { width: 200px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
        </style></head><body>{0}</body></html>
        """;

    private const string Fitting = """
        <div class="box" style="left:20px;top:20px">Member self-service 会员自助</div>
        <div class="box" style="left:20px;top:70px"><button>兑换礼品 Redeem</button></div>
        <div class="box ellipsis" style="left:20px;top:150px">A very long gift name that is cut with an ellipsis</div>
        <div class="box list" data-scrolls style="left:20px;top:200px;width:300px"><div>one</div><div>two</div><div>three</div><div>four</div></div>
        """;

    public static TheoryData<string, string, string> Faults => new()
    {
        { "overlapping texts", """<div class="box" style="left:20px;top:360px">欢迎您 Welcome</div><div class="box" style="left:40px;top:366px">王*明</div>""", "overlaps" },
        { "text partly off screen", """<div class="box" style="left:700px;top:360px;white-space:nowrap">level card cut off at the right</div>""", "outside the 800x480 viewport" },
        { "text cut off by its box", """<div class="box" style="left:20px;top:360px;width:200px;height:30px;overflow:hidden">此卡已挂失 This card has been reported lost, so it is refused</div>""", "is cut off by" },
        { "small touch target", """<div class="box" style="left:20px;top:360px"><button style="min-width:0;min-height:0;padding:0">x</button></div>""", "under 48 px" },
        { "small text", """<div class="box" style="left:20px;top:360px;font-size:12px">fine print</div>""", "under 14 px" },
        { "low contrast", """<div class="box" style="left:20px;top:360px;color:#33405a">barely visible</div>""", "contrast" },
        { "text on a button", """<div class="box" style="left:20px;top:360px"><button>Redeem</button></div><div class="box" style="left:30px;top:376px">卡号</div>""", "lies on button" },
    };

    [Fact]
    public async Task APageThatFits_HasNoProblems()
    {
        var problems = await ProblemsAsync(Fitting);

        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task AFault_IsReported(string fault, string html, string expected)
    {
        var problems = await ProblemsAsync(Fitting + html);

        Assert.True(problems.Any(p => p.Contains(expected, StringComparison.Ordinal)), $"{fault}: expected a problem with \"{expected}\", got: {string.Join(" | ", problems)}");
    }

    private async Task<IReadOnlyList<string>> ProblemsAsync(string body)
    {
        var page = await browser.Chromium.NewKioskPageAsync();
        try
        {
            await page.SetViewportSizeAsync(800, 480);
            await page.SetContentAsync(Page.Replace("{0}", body, StringComparison.Ordinal));
            return await LayoutCheck.ProblemsAsync(page);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
