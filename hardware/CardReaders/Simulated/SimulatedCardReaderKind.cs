using KioskAgent.Hardware.Devices;

namespace KioskAgent.Hardware.CardReaders.Simulated;

/// <summary>
/// <c>Kind=Simulated</c>: no hardware; cards come from the demo panel, <c>kioskctl sim tap</c> or tests.
/// It presents UIDs only (no card to talk to), so it serves UidOnly sites.
/// </summary>
public sealed class SimulatedCardReaderKind : DeviceKind<NoSettings, ICardReader>
{
    public const string KindName = "Simulated";

    public override string Name => KindName;

    public override DeviceCapabilities Capabilities => DeviceCapabilities.Uid;

    public override ICardReader Create(DeviceContext context, NoSettings settings) => new SimulatedCardReader(context.DeviceId, context.Time);
}
