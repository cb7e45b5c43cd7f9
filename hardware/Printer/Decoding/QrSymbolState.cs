using System.Text;
using KioskAgent.Hardware.Printer.EscPos;

namespace KioskAgent.Hardware.Printer.Decoding;

/// <summary>The QR settings and stored data a printer keeps between GS ( k functions 165..181.</summary>
internal sealed class QrSymbolState
{
    public int ModuleSize { get; private set; } = 3;

    public QrErrorCorrection ErrorCorrection { get; private set; } = QrErrorCorrection.L;

    public string Payload { get; private set; } = "";

    /// <summary>Applies function <paramref name="function"/>; true when it prints the symbol (181).</summary>
    public bool Apply(byte function, ReadOnlySpan<byte> parameters)
    {
        switch (function)
        {
            case 0x43 when parameters.Length == 1: ModuleSize = parameters[0]; return false; // 167
            case 0x45 when parameters.Length == 1: ErrorCorrection = (QrErrorCorrection)parameters[0]; return false; // 169
            case 0x50 when parameters.Length >= 1: Payload = Encoding.UTF8.GetString(parameters[1..]); return false; // 180
            case 0x51: return true; // 181
            default: return false; // 165 model, 182 size information
        }
    }
}
