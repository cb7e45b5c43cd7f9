using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.Devices;

namespace KioskAgent.Hardware.Pcsc;

/// <summary><c>Kind=Pcsc</c>: a reader behind pcscd (ACR122U, ACR1252U, ...), selected by <c>ReaderName</c>.</summary>
public sealed class PcscCardReaderKind : DeviceKind<PcscCardReaderSettings, ICardReader>
{
    public override string Name => "Pcsc";

    public override DeviceCapabilities Capabilities =>
        DeviceCapabilities.Uid | DeviceCapabilities.MifareSectorAuth | DeviceCapabilities.Iso14443Part4;

    public override IEnumerable<string> Problems(PcscCardReaderSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.ReaderName))
        {
            yield return "ReaderName is required for a Pcsc reader.";
        }

        if (settings.ExchangeTimeoutMs is < 10 or > 60_000)
        {
            yield return "ExchangeTimeoutMs must be 10-60000.";
        }

        if (settings.CardReadTimeoutMs < settings.ExchangeTimeoutMs || settings.CardReadTimeoutMs > 300_000)
        {
            yield return "CardReadTimeoutMs must be at least ExchangeTimeoutMs and at most 300000.";
        }
    }

    public override ICardReader Create(DeviceContext context, PcscCardReaderSettings settings) =>
        new PcscCardReader(context.DeviceId, settings.ReaderName, context.Time, new PcscCardReaderOptions
        {
            ExchangeTimeout = TimeSpan.FromMilliseconds(settings.ExchangeTimeoutMs),
            CardReadTimeout = TimeSpan.FromMilliseconds(settings.CardReadTimeoutMs),
        });
}
