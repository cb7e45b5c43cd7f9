using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.Devices;

namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary><c>Kind=Evdev</c>: an ID/barcode reader that types, grabbed through Linux evdev. It delivers a number only.</summary>
public sealed class EvdevCardReaderKind : DeviceKind<EvdevCardReaderSettings, ICardReader>
{
    public override string Name => "Evdev";

    public override DeviceCapabilities Capabilities => DeviceCapabilities.Uid;

    public override IEnumerable<string> Problems(EvdevCardReaderSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.DevicePath))
        {
            yield return "DevicePath is required for an Evdev reader.";
        }

        if (EnumSetting.Parse<TokenFormat>(settings.Format) is null)
        {
            yield return $"Format '{settings.Format}' must be Decimal, Hex or Text.";
        }
    }

    public override ICardReader Create(DeviceContext context, EvdevCardReaderSettings settings) =>
        new EvdevCardReader(context.DeviceId, new EvdevCardReaderOptions
        {
            DevicePath = settings.DevicePath,
            Format = EnumSetting.Parse<TokenFormat>(settings.Format)!.Value,
        }, context.Time);
}
