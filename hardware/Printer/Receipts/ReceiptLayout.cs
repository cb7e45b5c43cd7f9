namespace KioskAgent.Hardware.Printer.Receipts;

/// <summary>Paper width and fixed texts of the receipts.</summary>
/// <param name="Columns">Font A columns: 48 on 80 mm paper, 32 on 58 mm. A Chinese character takes two.</param>
public sealed record ReceiptLayout(int Columns = 48, string Footer = "谢谢光临")
{
    public static ReceiptLayout Paper80mm { get; } = new();

    public static ReceiptLayout Paper58mm { get; } = new(32);
}
