using System.Threading.Channels;

namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>Turns tokens and device states into scan events for one code scanner: the text as typed, no card number conversion.</summary>
internal sealed class ScanEventWriter(string scannerId, ChannelWriter<ScanEvent> events, TimeProvider timeProvider) : WedgeWriter
{
    public override bool Token(TokenResult result)
    {
        var now = timeProvider.GetUtcNow();
        if (result.IsToken)
        {
            events.TryWrite(new CodeScanned(scannerId, now, result.Text));
            return false;
        }

        events.TryWrite(new CodeScanFailed(scannerId, now, result.Reason ?? "invalid_token", result.Detail));
        return true;
    }

    protected override void WriteStatus(bool available, string reason) =>
        events.TryWrite(new ScannerStatusChanged(scannerId, timeProvider.GetUtcNow(), available, reason));
}
