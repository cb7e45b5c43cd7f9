using KioskAgent.Hardware.Printer.Decoding;
using KioskAgent.Hardware.Printer.EscPos;
using KioskAgent.Hardware.Printer.Receipts;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.Printer;

[Trait("Category", TestCategories.Unit)]
public sealed class ReceiptTemplatesTests
{
    private readonly ReceiptTemplates _templates = new(ReceiptLayout.Paper80mm);

    [Fact]
    public void RenderBalanceStatement_Decoded_ShowsChineseAndAsciiLinesInOrder()
    {
        var receipt = EscPosDecoder.Decode(_templates.Render(ReceiptSamples.Statement()));

        string[] expected =
        [
            "会员余额对账单",
            "星河广场店",
            new string('-', 48),
            Pad("会员", "王*明"),
            Pad("卡号", "****5F6"),
            Pad("等级", "金卡"),
            Pad("时间", "2026-11-22 10:05"),
            new string('-', 48),
            Pad("储值余额", "￥1,234.50"),
            Pad("积分", "5,600"),
            Pad("即将过期积分(2026-12-31前)", "200"),
            new string('-', 48),
            "最近交易",
            Pad("11-20 消费", "-￥58.00 +58分"),
            Pad("11-21 签到", "+10分"),
            new string('-', 48),
            "谢谢光临",
            "单号 TX-20261122-0001",
        ];
        Assert.Equal(expected, receipt.VisibleLines);
    }

    [Fact]
    public void RenderBalanceStatement_Title_IsCenteredBoldDoubleSize()
    {
        var receipt = EscPosDecoder.Decode(_templates.Render(ReceiptSamples.Statement()));

        var title = receipt.Elements.OfType<ReceiptTextLine>().First();
        Assert.Equal(("会员余额对账单", Alignment.Center, true, 2, 2), (title.Text, title.Alignment, title.Bold, title.Width, title.Height));
    }

    [Fact]
    public void RenderBalanceStatement_Always_EndsWithOnePartialCut()
    {
        var receipt = EscPosDecoder.Decode(_templates.Render(ReceiptSamples.Statement()));

        Assert.Equal([new ReceiptCut(CutMode.Partial)], receipt.Cuts);
        Assert.IsType<ReceiptCut>(receipt.Elements[^1]);
    }

    [Fact]
    public void RenderBalanceStatement_EveryLine_FitsThePaper()
    {
        var receipt = EscPosDecoder.Decode(_templates.Render(ReceiptSamples.Statement()));

        Assert.All(receipt.Elements.OfType<ReceiptTextLine>(), l => Assert.True(ReceiptText.Width(l.Text) * l.Width <= 48, l.Text));
    }

    [Fact]
    public void RenderGiftVoucher_Decoded_CarriesTheQrPayloadCenteredAndTheVoucherCode()
    {
        var receipt = EscPosDecoder.Decode(_templates.Render(ReceiptSamples.Voucher()));

        var qr = Assert.Single(receipt.Elements.OfType<ReceiptQrCode>());
        Assert.Equal(("KV1:GV7Q2K9", QrErrorCorrection.M, Alignment.Center), (qr.Payload, qr.ErrorCorrection, qr.Alignment));
        Assert.Contains("凭证号 GV7Q2K9", receipt.VisibleLines);
        Assert.Contains("保温杯 500ml", receipt.VisibleLines);
        Assert.Contains(Pad("剩余积分", "4,400"), receipt.VisibleLines);
    }

    [Fact]
    public void RenderCheckInTicket_Decoded_HasSequenceAndCode128TicketId()
    {
        var receipt = EscPosDecoder.Decode(_templates.Render(ReceiptSamples.Ticket()));

        Assert.Contains(Pad("签到序号", "第 12 位"), receipt.VisibleLines);
        Assert.Contains(Pad("获得积分", "+10"), receipt.VisibleLines);
        var barcode = Assert.Single(receipt.Barcodes);
        Assert.Equal(("CODE128", "CI-0012"), (barcode.Symbology, barcode.Data));
    }

    [Fact]
    public void RenderPrizeDrawResult_Decoded_ListsMaskedWinnersByTierAndVerification()
    {
        var receipt = EscPosDecoder.Decode(_templates.Render(ReceiptSamples.Draw()));

        var lines = receipt.VisibleLines;
        Assert.True(lines.ToList().IndexOf("一等奖 电饭煲") < lines.ToList().IndexOf("二等奖 雨伞"));
        Assert.Contains(Pad("张*", "****0A1B", indent: 2), lines);
        Assert.Contains(Pad("A**** S****", "****77C0", indent: 2), lines);
        Assert.Contains("验证码 9f86d081884c7d65", lines);
        Assert.Equal(["https://example.invalid/draws/42"], receipt.QrPayloads);
    }

    [Fact]
    public void Render_UnmaskedName_IsRefused() =>
        Assert.Throws<ArgumentException>(() => _templates.Render(ReceiptSamples.Ticket() with { MaskedName = "欧阳娜娜" }));

    [Fact]
    public void Render_58mmPaper_KeepsLinesWithin32Columns()
    {
        var receipt = EscPosDecoder.Decode(new ReceiptTemplates(ReceiptLayout.Paper58mm).Render(ReceiptSamples.Statement()));

        Assert.All(receipt.Elements.OfType<ReceiptTextLine>(), l => Assert.True(ReceiptText.Width(l.Text) * l.Width <= 32, l.Text));
    }

    private static string Pad(string label, string value, int indent = 0) =>
        ReceiptText.TwoColumns(new string(' ', indent) + label, value, 48).Trim();
}
