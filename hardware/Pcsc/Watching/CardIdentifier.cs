using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.Pcsc.Native;

namespace KioskAgent.Hardware.Pcsc.Watching;

/// <summary>
/// Turns a card that just arrived into a <see cref="CardPresented"/> (ATR → technology, connect,
/// FF CA → UID) or a <see cref="CardReadFailed"/> with a stable reason. Never throws for card faults.
/// </summary>
internal sealed class CardIdentifier(string readerId, PcscReaderCounters counters)
{
    /// <param name="connection">The open connection behind the presented card's transceiver; null on failure.</param>
    public CardEvent Identify(PcscContext cards, string readerName, ReaderStates state, byte[] atr, DateTimeOffset now, out PcscCardConnection? connection)
    {
        connection = null;
        if (state.HasFlag(ReaderStates.Mute))
        {
            return Failed(now, PcscReadFailureReasons.CardMute, "pcscd reports the card mute: it gave no ATR");
        }

        // The ATR comes from the reader state pcscd just delivered: no extra SCardStatus round trip.
        if (!PcscAtr.TryParse(atr, out var parsed, out var atrError))
        {
            return Failed(now, PcscReadFailureReasons.AtrInvalid, $"ATR {Convert.ToHexString(atr)}: {atrError}");
        }

        var status = cards.Connect(readerName, out var connected);
        if (status != ScardError.Success || connected is null)
        {
            var reason = ScardError.IsCardGone(status) ? PcscReadFailureReasons.CardRemoved : PcscReadFailureReasons.ConnectFailed;
            return Failed(now, reason, $"SCardConnect: {ScardError.Describe(status)}");
        }

        var uid = UidReader.Read(connected);
        if (uid.Uid is not { } cardUid)
        {
            connected.Dispose();
            return Failed(now, uid.Reason, uid.Detail);
        }

        connection = connected;
        counters.Tap();
        return new CardPresented(readerId, cardUid, parsed.Technology, now, new PcscCardTransceiver(connected), atr);
    }

    private CardReadFailed Failed(DateTimeOffset now, string reason, string detail)
    {
        counters.ReadFailure(reason);
        return new CardReadFailed(readerId, now, reason, detail);
    }
}
