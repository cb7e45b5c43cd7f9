using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.Devices;

namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary><c>Kind=Serial</c>: an ID/barcode reader on a serial port. It delivers a number only.</summary>
public sealed class SerialCardReaderKind : DeviceKind<SerialCardReaderSettings, ICardReader>
{
    public override string Name => "Serial";

    public override DeviceCapabilities Capabilities => DeviceCapabilities.Uid;

    public override IEnumerable<string> Problems(SerialCardReaderSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.DevicePath))
        {
            yield return "DevicePath is required for a Serial reader.";
        }

        if (EnumSetting.Parse<TokenFormat>(settings.Format) is null)
        {
            yield return $"Format '{settings.Format}' must be Decimal, Hex or Text.";
        }

        if (EnumSetting.Parse<SerialFraming>(settings.Framing) is null)
        {
            yield return $"Framing '{settings.Framing}' must be Cr, Lf, CrLf or StxEtx.";
        }

        if (settings.BaudRate is < 300 or > 4_000_000)
        {
            yield return "BaudRate must be 300-4000000.";
        }
    }

    public override ICardReader Create(DeviceContext context, SerialCardReaderSettings settings) =>
        new SerialCardReader(context.DeviceId, new SerialCardReaderOptions
        {
            PortName = settings.DevicePath,
            BaudRate = settings.BaudRate,
            Format = EnumSetting.Parse<TokenFormat>(settings.Format)!.Value,
            Framing = EnumSetting.Parse<SerialFraming>(settings.Framing)!.Value,
        }, context.Time);
}
