namespace KioskAgent.Hardware.Card.Ntag424;

/// <summary>Stable reason codes of a refused SUN, for screens, logs and the journal.</summary>
public static class SunRefusalReasons
{
    /// <summary>No URL, or the URL lacks the PICCData or MAC parameter.</summary>
    public const string Missing = "sun_missing";

    /// <summary>A SUN parameter is repeated, of the wrong length, or not hex.</summary>
    public const string Malformed = "sun_malformed";

    /// <summary>PICCData decrypted to an unexpected PICCDataTag: wrong meta-read key or tag configuration.</summary>
    public const string BadPiccTag = "sun_bad_picc_tag";

    /// <summary>The MAC does not match: forged, altered, or made with another file-read key.</summary>
    public const string BadCmac = "sun_bad_cmac";

    /// <summary>The counter is not above the last accepted one for this UID: a copied or replayed URL.</summary>
    public const string Replayed = "sun_replayed";
}
