using KioskAgent.Hardware.Card.Ndef;
using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Hardware.Card.Ntag424;

/// <summary>
/// Reads the NDEF file of an NTAG 424 DNA (or any NFC Forum Type 4 Tag) with plain ISO/IEC 7816-4
/// APDUs, so it works through PC/SC pass-through and any other <see cref="ICardTransceiver"/>.
/// Every status word is checked; a bad answer gives a failed <see cref="CardReadResult{T}"/>.
/// A <see cref="CardCommunicationException"/> from the transceiver (card gone) is not caught:
/// it means the tap is over, and the reader loop already handles it in one place.
/// </summary>
public sealed class Ntag424Card
{
    /// <summary>
    /// NT4H2421Gx §8.2.2: the NDEF file (E104) is 256 bytes, so NLEN is at most 254. Readers of other
    /// Type 4 Tags may raise it (T4T allows up to 7FFF).
    /// </summary>
    public const int DefaultMaxMessageLength = 254;

    // Bytes per READ BINARY: fits a short APDU response on every PC/SC reader we know of.
    private const int ChunkSize = 128;

    private readonly ICardTransceiver _transceiver;
    private readonly int _maxMessageLength;

    public Ntag424Card(ICardTransceiver transceiver, int maxMessageLength = DefaultMaxMessageLength)
    {
        ArgumentNullException.ThrowIfNull(transceiver);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessageLength, 0x7FFF - Ntag424Apdus.NlenSize);
        _transceiver = transceiver;
        _maxMessageLength = maxMessageLength;
    }

    /// <summary>Reads the NDEF message and returns the URL of its first URI record.</summary>
    public CardReadResult<string> ReadNdefUrl()
    {
        var message = ReadNdefMessage();
        if (!message.IsSuccess)
        {
            return message.AsFailure<string>();
        }

        return NdefUri.TryFindUri(message.Value, out var url)
            ? CardReadResult<string>.Success(url)
            : CardReadResult<string>.Failure("ndef_not_uri", $"no valid URI record in {message.Value.Length} byte(s) of NDEF");
    }

    /// <summary>SELECT application, SELECT file, READ BINARY NLEN, READ BINARY the message (T4T §6.4.2).</summary>
    public CardReadResult<byte[]> ReadNdefMessage()
    {
        var selected = Select(Ntag424Apdus.SelectNdefApplication, "ndef_app_select_failed")
            ?? Select(Ntag424Apdus.SelectNdefFile, "ndef_file_select_failed");
        if (selected is not null)
        {
            return selected;
        }

        var nlen = Read(0, Ntag424Apdus.NlenSize);
        if (!nlen.IsSuccess)
        {
            return nlen;
        }

        var length = (nlen.Value[0] << 8) | nlen.Value[1];
        return length switch
        {
            0 => CardReadResult<byte[]>.Failure("ndef_empty", "NLEN is 0"),
            _ when length > _maxMessageLength =>
                CardReadResult<byte[]>.Failure("ndef_too_long", $"NLEN {length} exceeds {_maxMessageLength}"),
            _ => Read(Ntag424Apdus.NlenSize, length),
        };
    }

    private CardReadResult<byte[]>? Select(byte[] command, string reason)
    {
        var response = ApduResponse.From(_transceiver.Transmit(command));
        return response.IsSuccess ? null : CardReadResult<byte[]>.Failure(reason, response.Describe());
    }

    /// <summary>Reads <paramref name="length"/> bytes from <paramref name="offset"/> in chunks.</summary>
    private CardReadResult<byte[]> Read(int offset, int length)
    {
        var buffer = new byte[length];
        var done = 0;
        while (done < length)
        {
            var wanted = Math.Min(ChunkSize, length - done);
            var response = ApduResponse.From(_transceiver.Transmit(Ntag424Apdus.ReadBinary(offset + done, wanted)));
            if (!response.IsSuccess || response.Data.Length != wanted)
            {
                var got = response.IsWellFormed ? $", {response.Data.Length} of {wanted} byte(s)" : string.Empty;
                return CardReadResult<byte[]>.Unreadable("ndef_read_failed", $"READ BINARY at {offset + done}: {response.Describe()}{got}");
            }

            response.Data.CopyTo(buffer.AsSpan(done));
            done += wanted;
        }

        return CardReadResult<byte[]>.Success(buffer);
    }
}
