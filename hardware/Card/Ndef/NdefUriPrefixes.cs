namespace KioskAgent.Hardware.Card.Ndef;

/// <summary>URI identifier codes, NFC Forum URI RTD 1.0 §3.2.2 Table 3 (0x24-0xFF are RFU).</summary>
internal static class NdefUriPrefixes
{
    public static readonly string[] ByCode =
    [
        "", "http://www.", "https://www.", "http://", "https://", "tel:", "mailto:",
        "ftp://anonymous:anonymous@", "ftp://ftp.", "ftps://", "sftp://", "smb://", "nfs://",
        "ftp://", "dav://", "news:", "telnet://", "imap:", "rtsp://", "urn:", "pop:", "sip:",
        "sips:", "tftp:", "btspp://", "btl2cap://", "btgoep://", "tcpobex://", "irdaobex://",
        "file://", "urn:epc:id:", "urn:epc:tag:", "urn:epc:pat:", "urn:epc:raw:", "urn:epc:",
        "urn:nfc:",
    ];

    /// <summary>The code of the longest prefix of <paramref name="uri"/> (0x00 when none fits).</summary>
    public static byte LongestMatch(string uri)
    {
        var best = 0;
        for (var code = 1; code < ByCode.Length; code++)
        {
            if (uri.StartsWith(ByCode[code], StringComparison.Ordinal) && ByCode[code].Length > ByCode[best].Length)
            {
                best = code;
            }
        }

        return (byte)best;
    }
}
