using KioskAgent.Hardware.Devices;

namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary><c>Kind=Simulated</c> under <c>Devices:Scanners</c>: no hardware; codes come from <c>DeviceSimulator/ScanCode</c> or tests.</summary>
public sealed class SimulatedCodeScannerKind : DeviceKind<CodeScannerSettings, ICodeScanner>
{
    public const string KindName = "Simulated";

    public override string Name => KindName;

    public override DeviceCapabilities Capabilities => DeviceCapabilities.Qr;

    public override IEnumerable<string> Problems(CodeScannerSettings settings)
    {
        if (settings.MaxLength is < 1 or > 4096)
        {
            yield return "MaxLength must be 1-4096.";
        }
    }

    public override ICodeScanner Create(DeviceContext context, CodeScannerSettings settings) =>
        new SimulatedCodeScanner(context.DeviceId, settings.MaxLength, context.Time);
}
