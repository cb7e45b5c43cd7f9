namespace KioskAgent.Identity;

/// <summary>How a site proves which card was tapped.</summary>
public enum CardIdentityMode
{
    /// <summary>The card's UID alone. Any UID can be cloned or emulated: allowed, but reported as weak.</summary>
    UidOnly = 1,

    /// <summary>A member number read from a MIFARE Classic sector authenticated with the site's key.</summary>
    Sector = 2,

    /// <summary>NTAG 424 DNA Secure Unique NFC: a CMAC over UID and a read counter that must increase.</summary>
    Secure = 3,
}
