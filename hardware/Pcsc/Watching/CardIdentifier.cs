using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.Pcsc.Native;

namespace KioskAgent.Hardware.Pcsc.Watching;

/// <summary>
/// Turns a card that just arrived into a <see cref="CardPresented"/> (ATR → technology, connect,
/// FF CA → UID) or a <see cref="CardReadFailed"/> with a stable reason. Never throws for card faults.
/// </summary>
internal sealed class CardIdentifier(string readerId, PcscReaderCounters counters)
{
    /// <param name="exchange">The thread that makes every call on <paramref name="cards"/>.</param>
    /// <param name="link">The open connection behind the presented card's transceiver; null on failure.</param>
    public CardEvent Identify(ExchangeThread exchange, PcscContext cards, string readerName, ReaderStates state, byte[] atr, CardDeadline deadline, DateTimeOffset now, out CardLink? link, CancellationToken stop)
    {
        link = null;
        if (state.HasFlag(ReaderStates.Mute))
        {
            return Failed(now, PcscReadFailureReasons.CardMute, "pcscd reports the card mute: it gave no ATR");
        }

        // The ATR comes from the reader state pcscd just delivered: no extra SCardStatus round trip.
        if (!PcscAtr.TryParse(atr, out var parsed, out var atrError))
        {
            return Failed(now, PcscReadFailureReasons.AtrInvalid, $"ATR {Convert.ToHexString(atr)}: {atrError}");
        }

        var wait = deadline.Next();
        if (!exchange.TryRun(() => Connect(exchange, cards, readerName), wait, out var connect, stop))
        {
            return Failed(now, PcscReadFailureReasons.CardTimeout, $"SCardConnect: no answer within {wait.TotalMilliseconds:F0} ms");
        }

        if (connect.Status != ScardError.Success || connect.Connection is null)
        {
            var reason = ScardError.IsCardGone(connect.Status) ? PcscReadFailureReasons.CardRemoved : PcscReadFailureReasons.ConnectFailed;
            return Failed(now, reason, $"SCardConnect: {ScardError.Describe(connect.Status)}");
        }

        var connected = new CardLink(exchange, connect.Connection, deadline, stop);
        var uid = UidReader.Read(connected);
        if (uid.Uid is not { } cardUid)
        {
            connected.Close();
            return Failed(now, uid.Reason, uid.Detail);
        }

        link = connected;
        counters.Tap();
        return new CardPresented(readerId, cardUid, parsed.Technology, now, new PcscCardTransceiver(connected), atr);
    }

    /// <summary>Runs on the exchange thread, which owns the connection from then on (also when the caller gave up waiting).</summary>
    private static (uint Status, PcscCardConnection? Connection) Connect(ExchangeThread exchange, PcscContext cards, string readerName)
    {
        var status = cards.Connect(readerName, out var connection);
        if (connection is not null)
        {
            exchange.Own(connection);
        }

        return (status, connection);
    }

    public CardReadFailed Failed(DateTimeOffset now, string reason, string detail)
    {
        counters.ReadFailure(reason);
        return new CardReadFailed(readerId, now, reason, detail);
    }
}
