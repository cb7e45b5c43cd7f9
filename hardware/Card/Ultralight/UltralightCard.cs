using KioskAgent.Hardware.Card.Ndef;
using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Hardware.Card.Ultralight;

/// <summary>
/// Reads MIFARE Ultralight / NTAG21x tags (NFC Forum Type 2 Tag) page by page with the PC/SC
/// Part 3 READ BINARY (FF B0 00 page 10: 16 bytes = 4 pages), and finds the NDEF message through
/// the capability container and the TLVs of the data area (T2T 1.1 §2.3). Bad answers give a failed
/// result; a <see cref="CardCommunicationException"/> (card gone) propagates.
/// </summary>
public sealed class UltralightCard
{
    public const int PageSize = 4;

    /// <summary>One READ returns 4 pages (READ command of the MF0ICU1 and NTAG213/215/216 datasheets).</summary>
    public const int BytesPerRead = 16;

    private const int CapabilityContainerPage = 3;

    // T2T 1.1 §2.3: TLV tags.
    private const byte NullTlv = 0x00;
    private const byte NdefTlv = 0x03;
    private const byte TerminatorTlv = 0xFE;

    private readonly ICardTransceiver _transceiver;

    public UltralightCard(ICardTransceiver transceiver)
    {
        ArgumentNullException.ThrowIfNull(transceiver);
        _transceiver = transceiver;
    }

    /// <summary>Reads 16 bytes from <paramref name="startPage"/> (wrapping past the last page is the tag's business).</summary>
    public CardReadResult<byte[]> ReadPages(int startPage)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)startPage, (uint)byte.MaxValue, nameof(startPage));
        var response = ApduResponse.From(_transceiver.Transmit([0xFF, 0xB0, 0x00, (byte)startPage, BytesPerRead]));
        return response.IsSuccess && response.Data.Length == BytesPerRead
            ? CardReadResult<byte[]>.Success(response.Data.ToArray())
            : CardReadResult<byte[]>.Unreadable("page_read_failed", $"page {startPage}: {response.Describe()}, {response.Data.Length} byte(s)");
    }

    public CardReadResult<CapabilityContainer> ReadCapabilityContainer()
    {
        var pages = ReadPages(CapabilityContainerPage);
        return pages.IsSuccess
            ? CardReadResult<CapabilityContainer>.Success(CapabilityContainer.FromPage(pages.Value))
            : pages.AsFailure<CapabilityContainer>();
    }

    /// <summary>The NDEF message of the first NDEF TLV; empty when the tag is formatted but blank.</summary>
    public CardReadResult<byte[]> ReadNdefMessage()
    {
        var cc = ReadCapabilityContainer();
        if (!cc.IsSuccess)
        {
            return cc.AsFailure<byte[]>();
        }

        if (!cc.Value.IsNdefFormatted)
        {
            return CardReadResult<byte[]>.Failure("cc_invalid", $"magic {cc.Value.Magic:X2}, version {cc.Value.Version:X2}");
        }

        return cc.Value.IsReadable
            ? FindNdefTlv(new Type2DataArea(ReadPages, cc.Value.DataAreaSize))
            : CardReadResult<byte[]>.Failure("ndef_not_readable", $"access {cc.Value.Access:X2}");
    }

    public CardReadResult<string> ReadNdefUrl()
    {
        var message = ReadNdefMessage();
        if (!message.IsSuccess)
        {
            return message.AsFailure<string>();
        }

        if (message.Value.Length == 0)
        {
            return CardReadResult<string>.Failure("ndef_empty", "NDEF TLV of length 0");
        }

        return NdefUri.TryFindUri(message.Value, out var url)
            ? CardReadResult<string>.Success(url)
            : CardReadResult<string>.Failure("ndef_not_uri", $"no valid URI record in {message.Value.Length} byte(s) of NDEF");
    }

    // T2T 1.1 §2.3: walk T [L V] until the NDEF TLV or the terminator; skip NULL, lock, memory
    // control and proprietary TLVs.
    private static CardReadResult<byte[]> FindNdefTlv(Type2DataArea area)
    {
        var offset = 0;
        while (area.TryGetByte(offset, out var tag) && tag != TerminatorTlv)
        {
            if (tag == NullTlv)
            {
                offset++;
                continue;
            }

            if (!TryReadLength(area, offset + 1, out var length, out var valueOffset) || !area.TryGet(valueOffset, length, out var value))
            {
                return area.Failure ?? CardReadResult<byte[]>.Failure("ndef_malformed", $"TLV {tag:X2} at {offset} runs past the data area");
            }

            if (tag == NdefTlv)
            {
                return CardReadResult<byte[]>.Success(value);
            }

            offset = valueOffset + length;
        }

        return area.Failure ?? CardReadResult<byte[]>.Failure("ndef_tlv_missing", "no NDEF TLV before the terminator or the end");
    }

    // T2T 1.1 §2.3: one length byte, or FF followed by a two-byte big-endian length.
    private static bool TryReadLength(Type2DataArea area, int offset, out int length, out int valueOffset)
    {
        length = 0;
        valueOffset = offset + 1;
        if (!area.TryGetByte(offset, out var first))
        {
            return false;
        }

        if (first != 0xFF)
        {
            length = first;
            return true;
        }

        valueOffset = offset + 3;
        if (!area.TryGet(offset + 1, 2, out var twoBytes))
        {
            return false;
        }

        length = (twoBytes[0] << 8) | twoBytes[1];
        return true;
    }
}
