namespace KioskAgent.Identity;

/// <summary>
/// Keys and URL layout for NTAG 424 DNA SUN cards (section "CardIdentity:Sun"). Keys are AES-128
/// in hex and come from the provisioned configuration; they are never logged.
/// </summary>
public sealed class SunIdentityOptions
{
    /// <summary>K_SDMMetaRead: decrypts the PICC data (UID and read counter). One key per site.</summary>
    public string MetaReadKey { get; set; } = "";

    /// <summary>K_SDMFileRead, or the master key it is diversified from when <see cref="SystemIdentifier"/> is set.</summary>
    public string FileReadKey { get; set; } = "";

    /// <summary>Hex system identifier for AN10922 diversification (per-card file-read keys); empty = one shared key.</summary>
    public string SystemIdentifier { get; set; } = "";

    public string PiccDataParameter { get; set; } = "picc_data";

    public string MacParameter { get; set; } = "cmac";

    /// <summary>Set when the MAC also covers URL text starting at this parameter (AN12196 Table 5).</summary>
    public string? MacInputStartParameter { get; set; }
}
