using System.Threading.Channels;
using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>Turns tokens and device states into card events for one reader.</summary>
internal sealed class WedgeEventWriter(string readerId, ChannelWriter<CardEvent> events, TimeProvider timeProvider)
{
    private bool? _available;

    /// <summary>Reports the reader available or not, once per change.</summary>
    /// <summary>
    /// Runs <paramref name="readOnce"/> (open the device, read it until it fails, return why) again and
    /// again until stopped, reporting the reader unavailable with that reason before each reopen.
    /// </summary>
    public void ReadUntilStopped(Func<WedgeEventWriter, CancellationToken, string> readOnce, TimeSpan reopenInterval, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var reason = readOnce(this, stop);
            if (stop.IsCancellationRequested)
            {
                return;
            }

            Status(available: false, reason);
            stop.WaitHandle.WaitOne(reopenInterval);
        }
    }

    public void Status(bool available, string reason)
    {
        if (_available == available)
        {
            return;
        }

        _available = available;
        events.TryWrite(new ReaderStatusChanged(readerId, timeProvider.GetUtcNow(), available, reason));
    }

    /// <summary>
    /// A good token becomes CardPresented immediately followed by CardRemoved (a wedge has no
    /// notion of presence); anything else becomes CardReadFailed. Returns true for a failure.
    /// </summary>
    public bool Token(TokenResult result, TokenFormat format, CardTechnology technology)
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
}
