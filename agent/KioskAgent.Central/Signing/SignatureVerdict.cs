namespace KioskAgent.Central.Signing;

/// <summary>What <see cref="CentralKeyRing.Verify"/> made of a message; the names are the dead-letter reasons.</summary>
public enum SignatureVerdict
{
    Valid,

    /// <summary>No <c>sig</c> user property.</summary>
    Unsigned,

    /// <summary><c>sig-key</c> missing, repeated, or not a key this kiosk trusts.</summary>
    UnknownKey,

    /// <summary><c>sig</c> repeated, not base64 of 64 bytes, or not a signature of this message by that key.</summary>
    BadSignature,
}
