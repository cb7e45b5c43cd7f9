using System.Globalization;
using System.Net;
using System.Text;

namespace KioskAgent.Hardware.Printer.Decoding;

/// <summary>
/// An HTML preview of a decoded receipt for docs and the technician's self-test page: monospace
/// columns as on the paper (48 for 80 mm, 32 for 58 mm), bold and magnified lines, QR codes and
/// barcodes as labelled boxes (no image is generated), cuts as dashed lines.
/// </summary>
public static class ReceiptHtmlRenderer
{
    public static string Render(DecodedReceipt receipt, int columns = 48, string title = "Receipt preview")
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(title))
            .Append("</title><style>")
            .Append(CultureInfo.InvariantCulture, $".paper{{width:{columns}ch;margin:1em auto;padding:1ch;background:#fff;color:#000;")
            .Append("font-family:'Noto Sans Mono CJK SC','Noto Sans Mono',monospace;box-shadow:0 0 4px #888}")
            .Append(".line{white-space:pre;min-height:1.2em}.center{text-align:center}.right{text-align:right}.bold{font-weight:bold}")
            .Append(".symbol{border:1px solid #000;margin:.3em auto;padding:.3em;width:fit-content;font-size:.8em}")
            .Append(".cut{border-top:2px dashed #888;margin:.6em 0}body{background:#eee}</style></head><body><div class=\"paper\">\n");
        foreach (var element in receipt.Elements)
        {
            html.Append(Element(element)).Append('\n');
        }

        return html.Append("</div></body></html>\n").ToString();
    }

    private static string Element(ReceiptElement element) => element switch
    {
        ReceiptTextLine line => TextLine(line),
        ReceiptQrCode qr => $"<div class=\"symbol\" data-kind=\"qr\">QR ({qr.ErrorCorrection}, {qr.ModuleSize} dots): {WebUtility.HtmlEncode(qr.Payload)}</div>",
        ReceiptBarcode barcode => $"<div class=\"symbol\" data-kind=\"barcode\">{barcode.Symbology}: {WebUtility.HtmlEncode(barcode.Data)}</div>",
        ReceiptCut cut => $"<div class=\"cut\" title=\"{cut.Mode} cut\"></div>",
        _ => "",
    };

    private static string TextLine(ReceiptTextLine line)
    {
        var classes = new List<string> { "line" };
        if (line.Alignment != EscPos.Alignment.Left)
        {
            classes.Add(line.Alignment.ToString().ToLowerInvariant());
        }

        if (line.Bold)
        {
            classes.Add("bold");
        }

        var size = line.Width > 1 || line.Height > 1
            ? string.Create(CultureInfo.InvariantCulture, $" style=\"font-size:{line.Height}em;letter-spacing:{(line.Width - line.Height) * 0.5}ch\"")
            : "";
        return $"<div class=\"{string.Join(' ', classes)}\"{size}>{WebUtility.HtmlEncode(line.Text)}</div>";
    }
}
