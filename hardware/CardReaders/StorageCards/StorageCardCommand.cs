namespace KioskAgent.Hardware.CardReaders.StorageCards;

/// <summary>
/// One parsed PC/SC Part 3 pseudo-APDU, checked for length and parameters (see
/// <see cref="StorageCardApdu.TryParse"/>). Which fields are set depends on <see cref="Instruction"/>.
/// </summary>
/// <param name="Block">Authenticate, ReadBinary: the block address.</param>
/// <param name="KeyType">Authenticate: 60 key A, 61 key B (the MIFARE command codes).</param>
/// <param name="KeySlot">LoadKey, Authenticate: the reader key slot.</param>
/// <param name="Length">GetUid: Le (0 = all); ReadBinary: bytes wanted, 1..16.</param>
/// <param name="Key">LoadKey: the six key bytes.</param>
public readonly record struct StorageCardCommand(
    StorageCardInstruction Instruction,
    byte Block = 0,
    byte KeyType = 0,
    byte KeySlot = 0,
    int Length = 0,
    byte[]? Key = null);
