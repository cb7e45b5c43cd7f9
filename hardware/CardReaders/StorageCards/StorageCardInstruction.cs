namespace KioskAgent.Hardware.CardReaders.StorageCards;

/// <summary>The PC/SC Part 3 storage-card pseudo-APDUs a reader without pass-through implements itself.</summary>
public enum StorageCardInstruction
{
    /// <summary>FF CA 00 00 Le: the UID.</summary>
    GetUid,

    /// <summary>FF 82 P1 slot 06 key: load a MIFARE key into a volatile reader slot.</summary>
    LoadKey,

    /// <summary>FF 86 (GENERAL AUTHENTICATE) or the older FF 88: authenticate a block with a loaded key.</summary>
    Authenticate,

    /// <summary>FF B0 00 block Le: read one 16-byte block (or four Ultralight pages).</summary>
    ReadBinary,
}
