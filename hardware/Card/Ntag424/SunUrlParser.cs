using System.Text;

namespace KioskAgent.Hardware.Card.Ntag424;

/// <summary>
/// Finds the SUN parameters in the query of a tag's URL. The tag mirrors them as upper-case hex
/// (AN12196 §3.3); parsing is exact: no URL decoding, one occurrence of each parameter.
/// </summary>
public static class SunUrlParser
{
    private const int PiccDataHexLength = 2 * PiccData.EncryptedLength;
    private const int MacHexLength = 2 * SunMac.TruncatedLength;

    public static CardReadResult<SunMessage> Parse(string? url, SunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var query = QueryRange(url);
        if (query is null)
        {
            return Refuse(SunRefusalReasons.Missing, "no query string");
        }

        var (start, end) = query.Value;
        var piccData = FindValue(url!, start, end, options.PiccDataParameter);
        var mac = FindValue(url!, start, end, options.MacParameter);
        var macInputStart = options.MacInputStartParameter is null
            ? null
            : FindValue(url!, start, end, options.MacInputStartParameter);
        return Build(url!, piccData, mac, macInputStart, options.MacInputStartParameter is not null);
    }

    private static CardReadResult<SunMessage> Build(string url, ValueRange? piccData, ValueRange? mac, ValueRange? macInputStart, bool macInputRequired)
    {
        if (piccData is null || mac is null || (macInputRequired && macInputStart is null))
        {
            return Refuse(SunRefusalReasons.Missing, "a SUN parameter is absent");
        }

        if (piccData.Value.IsDuplicate || mac.Value.IsDuplicate || macInputStart?.IsDuplicate == true)
        {
            return Refuse(SunRefusalReasons.Malformed, "a SUN parameter is repeated");
        }

        var piccBytes = HexOfLength(url, piccData.Value, PiccDataHexLength);
        var macBytes = HexOfLength(url, mac.Value, MacHexLength);
        if (piccBytes is null || macBytes is null)
        {
            return Refuse(SunRefusalReasons.Malformed, "PICCData needs 32 and the MAC 16 hex characters");
        }

        var macInput = MacInput(url, macInputStart, mac.Value);
        return macInput is null
            ? Refuse(SunRefusalReasons.Malformed, "the MAC input is not ASCII before the MAC")
            : CardReadResult<SunMessage>.Success(new SunMessage(piccBytes, macBytes, macInput));
    }

    // The query runs from after '?' to the fragment '#' or the end (RFC 3986 §3.4).
    private static (int Start, int End)? QueryRange(string? url)
    {
        var question = url?.IndexOf('?', StringComparison.Ordinal) ?? -1;
        if (question < 0)
        {
            return null;
        }

        var hash = url!.IndexOf('#', question);
        return (question + 1, hash < 0 ? url.Length : hash);
    }

    private static ValueRange? FindValue(string url, int start, int end, string name)
    {
        ValueRange? found = null;
        var position = start;
        while (position <= end)
        {
            var next = url.IndexOf('&', position, end - position);
            var pairEnd = next < 0 ? end : next;
            var valueStart = position + name.Length + 1;
            if (valueStart <= pairEnd && url[valueStart - 1] == '=' && string.CompareOrdinal(url, position, name, 0, name.Length) == 0)
            {
                found = found is null ? new ValueRange(valueStart, pairEnd - valueStart, false) : found.Value with { IsDuplicate = true };
            }

            position = pairEnd + 1;
        }

        return found;
    }

    private static byte[]? HexOfLength(string url, ValueRange range, int hexLength)
    {
        if (range.Length != hexLength)
        {
            return null;
        }

        var text = url.AsSpan(range.Start, range.Length);
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return null;
            }
        }

        return Convert.FromHexString(text);
    }

    // AN12196 Table 5: the MAC covers the URL text from SDMMACInputOffset up to SDMMACOffset.
    private static byte[]? MacInput(string url, ValueRange? inputStart, ValueRange mac)
    {
        if (inputStart is null)
        {
            return [];
        }

        var start = inputStart.Value.Start;
        if (start > mac.Start)
        {
            return null;
        }

        var text = url.AsSpan(start, mac.Start - start);
        return Ascii.IsValid(text) ? Encoding.ASCII.GetBytes(text.ToArray()) : null;
    }

    private static CardReadResult<SunMessage> Refuse(string reason, string detail) =>
        CardReadResult<SunMessage>.Failure(reason, detail);

    private readonly record struct ValueRange(int Start, int Length, bool IsDuplicate);
}
