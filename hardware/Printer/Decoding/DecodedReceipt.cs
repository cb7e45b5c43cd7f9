namespace KioskAgent.Hardware.Printer.Decoding;

/// <summary>What an ESC/POS byte stream prints, in order.</summary>
public sealed record DecodedReceipt(IReadOnlyList<ReceiptElement> Elements, int StatusRequests)
{
    /// <summary>Every text line, blank lines included.</summary>
    public IReadOnlyList<string> TextLines => [.. Elements.OfType<ReceiptTextLine>().Select(l => l.Text)];

    /// <summary>Text lines that are not blank, trimmed: handy for asserting a receipt's content.</summary>
    public IReadOnlyList<string> VisibleLines => [.. TextLines.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim())];

    public IReadOnlyList<string> QrPayloads => [.. Elements.OfType<ReceiptQrCode>().Select(q => q.Payload)];

    public IReadOnlyList<ReceiptBarcode> Barcodes => [.. Elements.OfType<ReceiptBarcode>()];

    public IReadOnlyList<ReceiptCut> Cuts => [.. Elements.OfType<ReceiptCut>()];
}
