namespace KioskAgent.Hardware.Printer.Decoding;

/// <summary>
/// Turns an ESC/POS byte stream back into what it prints: text lines (GB18030 inside FS &amp; … FS .),
/// QR payloads, barcodes, cuts, with alignment and size. For tests, docs and the technician's
/// preview; strict: an unknown command throws <see cref="EscPosDecodeException"/> with its offset.
/// </summary>
public static class EscPosDecoder
{
    public static DecodedReceipt Decode(ReadOnlySpan<byte> bytes) => new EscPosInterpreter(bytes.ToArray()).Run();
}
