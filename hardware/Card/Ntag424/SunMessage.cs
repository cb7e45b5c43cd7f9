namespace KioskAgent.Hardware.Card.Ntag424;

/// <summary>The SUN fields found in a URL, not yet verified.</summary>
/// <param name="EncryptedPiccData">16 bytes.</param>
/// <param name="Mac">The 8-byte SDMMAC.</param>
/// <param name="MacInput">The ASCII bytes the MAC covers; empty in the common configuration.</param>
public sealed record SunMessage(byte[] EncryptedPiccData, byte[] Mac, byte[] MacInput);
