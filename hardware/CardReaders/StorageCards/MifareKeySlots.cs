namespace KioskAgent.Hardware.CardReaders.StorageCards;

/// <summary>
/// A reader's volatile key memory for PC/SC "LOAD KEYS" (FF 82): keys live only in RAM, are
/// shared by every card session of one reader and are lost when the process ends. Readers that
/// implement the pseudo-APDUs themselves (MFRC522, PN532) keep one of these.
/// </summary>
public sealed class MifareKeySlots
{
    public const int Count = 32;
    public const int KeyLength = 6;

    private readonly byte[]?[] _keys = new byte[]?[Count];

    public static bool IsValidSlot(int slot) => slot is >= 0 and < Count;

    public void Load(int slot, ReadOnlySpan<byte> key) => _keys[slot] = key.ToArray();

    public bool TryGet(int slot, out byte[] key)
    {
        key = IsValidSlot(slot) ? _keys[slot] ?? [] : [];
        return key.Length == KeyLength;
    }
}
