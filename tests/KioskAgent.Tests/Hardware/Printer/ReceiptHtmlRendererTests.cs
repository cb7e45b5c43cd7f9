using KioskAgent.Hardware.Printer.Decoding;
using KioskAgent.Hardware.Printer.EscPos;
using KioskAgent.Hardware.Printer.Receipts;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.Printer;

[Trait("Category", TestCategories.Unit)]
public sealed class ReceiptHtmlRendererTests
{
    [Fact]
    public void Render_GiftVoucher_ShowsLinesQrAndCut()
    {
        var receipt = EscPosDecoder.Decode(new ReceiptTemplates().Render(ReceiptSamples.Voucher()));

        var html = ReceiptHtmlRenderer.Render(receipt);
        File.WriteAllText(Path.Combine(TestPaths.Artifacts("printer"), "gift-voucher.html"), html);

        Assert.Contains("<div class=\"line center bold\" style=\"font-size:2em;letter-spacing:0ch\">积分兑换凭证</div>", html, StringComparison.Ordinal);
        Assert.Contains("data-kind=\"qr\">QR (M, 6 dots): KV1:GV7Q2K9</div>", html, StringComparison.Ordinal);
        Assert.Contains("class=\"cut\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MarkupInText_IsEncoded()
    {
        var receipt = EscPosDecoder.Decode(new EscPosBuilder().Line("<script>").ToArray());

        var html = ReceiptHtmlRenderer.Render(receipt);

        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }
}
