using KioskAgent.Hardware.Devices;

namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary><c>Kind=Serial</c> under <c>Devices:Scanners</c>: a code scanner on a serial port (USB-CDC or RS-232).</summary>
public sealed class SerialCodeScannerKind : DeviceKind<CodeScannerSettings, ICodeScanner>
{
    public override string Name => "Serial";

    public override DeviceCapabilities Capabilities => DeviceCapabilities.Qr;

    public override IEnumerable<string> Problems(CodeScannerSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.DevicePath))
        {
            yield return "DevicePath is required for a Serial scanner.";
        }

        if (EnumSetting.Parse<SerialFraming>(settings.Framing) is null or SerialFraming.StxEtx)
        {
            yield return $"Framing '{settings.Framing}' must be Cr, Lf or CrLf.";
        }

        if (settings.BaudRate is < 300 or > 4_000_000)
        {
            yield return "BaudRate must be 300-4000000.";
        }

        if (settings.MaxLength is < 1 or > 4096)
        {
            yield return "MaxLength must be 1-4096.";
        }
    }

    public override ICodeScanner Create(DeviceContext context, CodeScannerSettings settings) =>
        new SerialCodeScanner(context.DeviceId, new SerialCardReaderOptions
        {
            PortName = settings.DevicePath,
            BaudRate = settings.BaudRate,
            Framing = EnumSetting.Parse<SerialFraming>(settings.Framing)!.Value,
            MaxLength = settings.MaxLength,
        }, context.Time);
}
