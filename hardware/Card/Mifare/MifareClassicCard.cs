using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Hardware.Card.Mifare;

/// <summary>
/// Authenticated block reads on MIFARE Classic through the PC/SC Part 3 storage-card pseudo-APDUs:
/// LOAD KEYS into a volatile reader key slot, GENERAL AUTHENTICATE the block with key A or B,
/// READ BINARY 16 bytes. Works over PC/SC pass-through and any binding that implements these APDUs.
/// Bad status words give a failed result; a <see cref="CardCommunicationException"/> (card gone)
/// propagates.
/// </summary>
public sealed class MifareClassicCard
{
    /// <summary>PC/SC readers answer 63 00 when the card refuses the authentication (wrong key).</summary>
    public const ushort AuthenticationFailed = 0x6300;

    private readonly ICardTransceiver _transceiver;
    private readonly byte _keySlot;

    /// <param name="keySlot">
    /// Reader key number for LOAD KEYS. Volatile slots differ per reader (ACR122U: 00-01); the key
    /// is loaded before every authentication, so one slot is enough.
    /// </param>
    public MifareClassicCard(ICardTransceiver transceiver, byte keySlot = 0)
    {
        ArgumentNullException.ThrowIfNull(transceiver);
        _transceiver = transceiver;
        _keySlot = keySlot;
    }

    /// <summary>Loads <paramref name="key"/>, authenticates <paramref name="block"/> and reads it.</summary>
    public CardReadResult<byte[]> ReadBlock(int block, MifareKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)block, (uint)byte.MaxValue, nameof(block));
        return LoadKey(key) ?? Authenticate((byte)block, key.Type) ?? Read((byte)block);
    }

    // LOAD KEYS: FF 82 P1=00 (card key, volatile) P2=slot Lc=06 key.
    private CardReadResult<byte[]>? LoadKey(MifareKey key)
    {
        byte[] command = [0xFF, 0x82, 0x00, _keySlot, MifareKey.Size, .. key.Bytes];
        var response = Transmit(command);
        Array.Clear(command);
        return response.IsSuccess ? null : Fail("key_load_failed", $"LOAD KEYS slot {_keySlot}: {response.Describe()}");
    }

    // GENERAL AUTHENTICATE: FF 86 00 00 05 | 01 (version) 00 block keyType slot.
    private CardReadResult<byte[]>? Authenticate(byte block, MifareKeyType keyType)
    {
        var response = Transmit([0xFF, 0x86, 0x00, 0x00, 0x05, 0x01, 0x00, block, (byte)keyType, _keySlot]);
        if (response.IsSuccess)
        {
            return null;
        }

        var refused = response.StatusWord == AuthenticationFailed ? "key refused" : "reader error";
        return Fail("sector_auth_failed", $"block {block} key {keyType}: {refused}, {response.Describe()}");
    }

    // READ BINARY: FF B0 00 block 10.
    private CardReadResult<byte[]> Read(byte block)
    {
        var response = Transmit([0xFF, 0xB0, 0x00, block, MifareClassicLayout.BlockSize]);
        return response.IsSuccess && response.Data.Length == MifareClassicLayout.BlockSize
            ? CardReadResult<byte[]>.Success(response.Data.ToArray())
            : CardReadResult<byte[]>.Unreadable("sector_read_failed", $"block {block}: {response.Describe()}, {response.Data.Length} byte(s)");
    }

    private ApduResponse Transmit(byte[] command) => ApduResponse.From(_transceiver.Transmit(command));

    private static CardReadResult<byte[]> Fail(string reason, string detail) => CardReadResult<byte[]>.Failure(reason, detail);
}
