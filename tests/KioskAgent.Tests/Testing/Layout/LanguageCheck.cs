using Microsoft.Playwright;

namespace KioskAgent.Tests.Testing.Layout;

/// <summary>
/// Which visible texts on the page are not in the language shown: in zh-CN, any English word; in
/// en, any Chinese character. Data is left out: elements marked translate="no" (names, card numbers,
/// gift names, the site's own greeting), codes such as voucher numbers (K7QX-4MRD), and the given
/// strings (data a site wrote in both languages, e.g. level names inside a sentence).
/// </summary>
public static class LanguageCheck
{
    private const string Script = """
        ([lang, ignore]) => {
          const latin = /[A-Za-z]{2,}/;
          const chinese = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
          const bad = lang === "en" ? chinese : latin;
          const found = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const el = node.parentElement;
            if (!el || !node.nodeValue.trim() || el.closest("[translate=no], script, style")) continue;
            if (el.getClientRects().length === 0 || getComputedStyle(el).visibility !== "visible") continue;
            let text = node.nodeValue;
            for (const s of ignore) text = text.split(s).join(" ");
            text = text.replace(/\b[A-Z0-9]+(?:-[A-Z0-9]+)+\b/g, " ");
            if (bad.test(text)) found.push(node.nodeValue.trim());
          }
          return found;
        }
        """;

    /// <summary>Texts in the wrong language; empty when the page speaks only <paramref name="lang"/>.</summary>
    public static async Task<IReadOnlyList<string>> ForeignTextsAsync(IPage page, string lang, IEnumerable<string> data) =>
        await page.EvaluateAsync<string[]>(Script, new object[] { lang, data.ToArray() });

    /// <summary>Touches the language switch until the page shows <paramref name="mode"/> (zh-CN, en or bilingual).</summary>
    public static async Task SwitchToAsync(IPage page, string mode)
    {
        for (var i = 0; i < 3 && await page.GetByTestId("language-switch").GetAttributeAsync("data-lang") != mode; i++)
        {
            await page.GetByTestId("language-switch").ClickAsync();
        }

        await Assertions.Expect(page.GetByTestId("language-switch")).ToHaveAttributeAsync("data-lang", mode);
    }
}
