using System.Text;

namespace KioskAgent.Hardware.Card.Ndef;

/// <summary>NFC Forum URI records (URI RTD 1.0): decode from an NDEF message, encode a one-record message.</summary>
public static class NdefUri
{
    /// <summary>URI RTD §3: the well-known record type "U".</summary>
    public static readonly byte[] RecordType = "U"u8.ToArray();

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Finds the first URI record of <paramref name="message"/> and expands its prefix code.</summary>
    public static bool TryFindUri(ReadOnlySpan<byte> message, out string uri)
    {
        uri = string.Empty;
        if (!NdefMessageParser.TryParse(message, out var records))
        {
            return false;
        }

        var record = records.FirstOrDefault(r => r.IsWellKnown(RecordType));
        return record is not null && TryDecode(record.Payload, out uri);
    }

    /// <summary>Decodes a URI record payload: identifier code (Table 3) then the UTF-8 URI field (§3.2.3).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> payload, out string uri)
    {
        uri = string.Empty;
        if (payload.IsEmpty || payload[0] >= NdefUriPrefixes.ByCode.Length)
        {
            return false;
        }

        try
        {
            uri = NdefUriPrefixes.ByCode[payload[0]] + StrictUtf8.GetString(payload[1..]);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>
    /// Encodes <paramref name="uri"/> as a one-record NDEF message with the shortest prefix code
    /// (a short record, SR, when the payload fits in 255 bytes).
    /// </summary>
    public static byte[] EncodeMessage(string uri)
    {
        var code = NdefUriPrefixes.LongestMatch(uri);
        var field = Encoding.UTF8.GetBytes(uri[NdefUriPrefixes.ByCode[code].Length..]);
        var payloadLength = field.Length + 1;
        var isShort = payloadLength <= byte.MaxValue;
        // NDEF §3.2.1 header: MB | ME | (SR when short) | TNF well-known = 0xD1 or 0xC1.
        var message = new List<byte> { (byte)(isShort ? 0xD1 : 0xC1), (byte)RecordType.Length };
        if (isShort)
        {
            message.Add((byte)payloadLength);
        }
        else
        {
            message.AddRange([(byte)(payloadLength >> 24), (byte)(payloadLength >> 16), (byte)(payloadLength >> 8), (byte)payloadLength]);
        }

        message.AddRange(RecordType);
        message.Add(code);
        message.AddRange(field);
        return [.. message];
    }
}
