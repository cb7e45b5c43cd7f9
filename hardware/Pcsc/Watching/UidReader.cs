using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.Pcsc.Native;

namespace KioskAgent.Hardware.Pcsc.Watching;

/// <summary>Reads the UID with the PC/SC Part 3 GET DATA pseudo-APDU and turns every failure into a reason code.</summary>
internal static class UidReader
{
    /// <summary>PC/SC Part 3 §3.2.2.1.3 GET DATA: CLA FF, INS CA, P1 00 = UID, P2 00, Le 00 (full length).</summary>
    private static ReadOnlySpan<byte> GetUid => [0xFF, 0xCA, 0x00, 0x00, 0x00];

    public static UidReadResult Read(CardLink link)
    {
        var status = link.Transmit(GetUid, out var response, out var waited);
        if (status == ScardError.Timeout)
        {
            return UidReadResult.Failed(PcscReadFailureReasons.CardTimeout, $"FF CA: no answer within {waited.TotalMilliseconds:F0} ms");
        }

        if (status != ScardError.Success)
        {
            var reason = ScardError.IsCardGone(status) || status == ScardError.NotTransacted
                ? PcscReadFailureReasons.CardRemoved
                : PcscReadFailureReasons.TransmitFailed;
            return UidReadResult.Failed(reason, $"FF CA: {ScardError.Describe(status)}");
        }

        if (response.Length == 0)
        {
            // Not even a status word: the card did not answer. vpcd reports a card that left mid-APDU this way.
            return UidReadResult.Failed(PcscReadFailureReasons.CardRemoved, "FF CA got no answer at all");
        }

        if (response.Length < 2)
        {
            return UidReadResult.Failed(PcscReadFailureReasons.UidTruncated, $"FF CA answered {response.Length} byte(s), less than SW1 SW2");
        }

        // ISO/IEC 7816-4 §5.1.3: 90 00 is the only success; PC/SC Part 3 lists 62 82 (UID shorter than Le) and 6C xx (wrong Le).
        var sw1 = response[^2];
        var sw2 = response[^1];
        if (sw1 != 0x90 || sw2 != 0x00)
        {
            return UidReadResult.Failed(PcscReadFailureReasons.UidBadStatus, $"FF CA answered SW {sw1:X2} {sw2:X2}");
        }

        var uid = response.AsSpan(0, response.Length - 2);
        if (uid.Length is 0 or > 16)
        {
            return UidReadResult.Failed(PcscReadFailureReasons.UidInvalid, $"FF CA answered a {uid.Length}-byte UID");
        }

        return UidReadResult.Read(CardUid.FromBytes(uid));
    }
}
