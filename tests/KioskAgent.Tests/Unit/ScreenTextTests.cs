using KioskAgent.Screen;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class ScreenTextTests
{
    [Theory]
    [InlineData("欢迎光临 · Welcome")]
    [InlineData("Chào mừng quý khách")]
    [InlineData("会员日 9.9元起")]
    [InlineData("Bienvenue 🇨🇳 👋🏽 1️⃣")]
    [InlineData("U.S.A. e.g. v1.2")]
    public void Problem_VisibleText_IsFine(string text)
    {
        Assert.Null(ScreenText.Problem(text, ScreenText.MaxGreetingCharacters));
    }

    [Theory]
    [InlineData("\u202E欢迎")] // right-to-left override
    [InlineData("\u2066欢迎\u2069")] // bidi isolate
    [InlineData("\u200F欢迎")] // right-to-left mark
    [InlineData("欢\u200B迎")] // zero-width space
    [InlineData("欢\u200D迎")] // zero-width joiner
    [InlineData("\uFEFF欢迎")] // byte order mark
    [InlineData("欢迎\u0007")] // control
    [InlineData("欢迎\n光临")]
    [InlineData("欢迎\u2028光临")] // line separator
    [InlineData("欢迎\uE000")] // private use
    [InlineData("欢迎\u3164")] // Hangul filler, an invisible letter
    [InlineData("")]
    public void Problem_HiddenReorderingOrBrokenCharacters_AreRefused(string text)
    {
        Assert.NotNull(ScreenText.Problem(text, ScreenText.MaxGreetingCharacters));
    }

    [Fact]
    public void Problem_ALoneSurrogate_IsRefused()
    {
        // Built here: test case serialization would turn it into U+FFFD.
        Assert.NotNull(ScreenText.Problem("欢迎" + (char)0xD800, ScreenText.MaxGreetingCharacters));
        Assert.NotNull(ScreenText.Problem((char)0xDC00 + "欢迎", ScreenText.MaxGreetingCharacters));
    }

    [Fact]
    public void Problem_LengthCountsUserPerceivedCharacters_AndStackedMarksAreRefused()
    {
        var flags = string.Concat(Enumerable.Repeat("🇨🇳", 80));
        var decomposed = string.Concat(Enumerable.Repeat("e\u0301", 80));

        Assert.Null(ScreenText.Problem(flags, 80));
        Assert.Null(ScreenText.Problem(decomposed, 80));
        Assert.NotNull(ScreenText.Problem(decomposed + "e", 80));
        Assert.NotNull(ScreenText.Problem("e" + string.Concat(Enumerable.Repeat("\u0301", 20)), 80));
    }

    [Theory]
    [InlineData("请扫码向 evil.example 付款", true)]
    [InlineData("请扫码向 ｅｖｉｌ．ｅｘａｍｐｌｅ 付款", true)]
    [InlineData("请访问 evil。example", true)]
    [InlineData("请访问 evil｡example", true)]
    [InlineData("请访问 evil﹒example", true)]
    [InlineData("请访问 evil․example", true)]
    [InlineData("请访问 𝐞𝐯𝐢𝐥.𝐞𝐱𝐚𝐦𝐩𝐥𝐞", true)]
    [InlineData("请访问 𝔢𝔳𝔦𝔩.𝔠𝔬𝔪", true)]
    [InlineData("请访问 ⓔⓥⓘⓛ.ⓒⓞⓜ", true)]
    [InlineData("请访问 𝚎𝚟𝚒𝚕.ℯ𝚡", true)]
    [InlineData("ｗｗｗ．", true)]
    [InlineData("ｐａｙ＠１６３．ｃｏｍ", true)]
    [InlineData("①号柜台 ⓐ区", false)]
    [InlineData("满１００减１０．５元", false)]
    [InlineData("请访问 例子.中国", true)]
    [InlineData("mail pay@163.com", true)]
    [InlineData("http://x", true)]
    [InlineData("www.", true)]
    [InlineData("会员日 9.9元起", false)]
    [InlineData("U.S.A. e.g. v1.2", false)]
    [InlineData("欢迎光临 · Welcome. Enjoy", false)]
    public void LooksLikeLink_DomainsLinksAndAddresses(string text, bool link)
    {
        Assert.Equal(link, ScreenText.LooksLikeLink(text));
    }
}
