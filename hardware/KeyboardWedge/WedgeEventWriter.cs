using System.Threading.Channels;
using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>Turns tokens and device states into card events for one reader.</summary>
internal sealed class WedgeEventWriter(string readerId, ChannelWriter<CardEvent> events, TimeProvider timeProvider, TokenFormat format, CardTechnology technology)
    : WedgeWriter
{
    /// <summary>
    /// A good token becomes CardPresented immediately followed by CardRemoved (a wedge has no
    /// notion of presence); anything else becomes CardReadFailed. Returns true for a failure.
    /// </summary>
    public override bool Token(TokenResult result)
    {
        var now = timeProvider.GetUtcNow();
        var problem = result.Detail;
        if (result.IsToken && CardNumber.TryToUid(result.Text, format, out var uid, out problem))
        {
            events.TryWrite(new CardPresented(readerId, uid, technology, now));
            events.TryWrite(new CardRemoved(readerId, now));
            return false;
        }

        events.TryWrite(new CardReadFailed(readerId, now, result.Reason ?? "invalid_token", problem));
        return true;
    }

    protected override void WriteStatus(bool available, string reason) =>
        events.TryWrite(new ReaderStatusChanged(readerId, timeProvider.GetUtcNow(), available, reason));
}
