using KioskAgent.Hardware.Devices;

namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary><c>Kind=Evdev</c> under <c>Devices:Scanners</c>: a code scanner that types, grabbed through Linux evdev.</summary>
public sealed class EvdevCodeScannerKind : DeviceKind<CodeScannerSettings, ICodeScanner>
{
    public override string Name => "Evdev";

    public override DeviceCapabilities Capabilities => DeviceCapabilities.Qr;

    public override IEnumerable<string> Problems(CodeScannerSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.DevicePath))
        {
            yield return "DevicePath is required for an Evdev scanner.";
        }

        if (settings.MaxLength is < 1 or > 4096)
        {
            yield return "MaxLength must be 1-4096.";
        }
    }

    public override ICodeScanner Create(DeviceContext context, CodeScannerSettings settings) =>
        new EvdevCodeScanner(context.DeviceId, new EvdevCardReaderOptions
        {
            DevicePath = settings.DevicePath,
            MaxLength = settings.MaxLength,
        }, context.Time);
}
