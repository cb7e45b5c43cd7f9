namespace KioskAgent.CentralLink;

/// <summary>Whether the kiosk insists on central's signature (<c>Central:Signatures</c>).</summary>
public enum CentralSignatureMode
{
    /// <summary>Every message from central must carry a valid signature by a key in <c>Central:SigningKeys</c>.</summary>
    Required,

    /// <summary>
    /// Nothing is verified: for a site whose central cannot sign yet. Anyone who can publish on the
    /// kiosk's topics can then command it; health reports the kiosk as degraded.
    /// </summary>
    Off,
}
