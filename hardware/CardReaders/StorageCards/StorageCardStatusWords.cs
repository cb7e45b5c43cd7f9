namespace KioskAgent.Hardware.CardReaders.StorageCards;

/// <summary>Status words (fresh arrays, callers may keep them) the PC/SC Part 3 pseudo-APDUs answer with (PC/SC Part 3, section 3.2.2.1).</summary>
public static class StorageCardStatusWords
{
    public static byte[] Success => [0x90, 0x00];

    /// <summary>Authentication failed, or the card refused the operation.</summary>
    public static byte[] OperationFailed => [0x63, 0x00];

    public static byte[] WrongLength => [0x67, 0x00];

    /// <summary>Function not supported: a parameter this reader cannot honour, or ISO 14443-4 APDUs on a reader without T=CL.</summary>
    public static byte[] FunctionNotSupported => [0x6A, 0x81];

    public static byte[] InstructionNotSupported => [0x6D, 0x00];

    /// <summary>Le is shorter than the data; SW2 tells the exact length.</summary>
    public static byte[] WrongLe(int exactLength) => [0x6C, (byte)exactLength];

    public static byte[] WithSuccess(ReadOnlySpan<byte> data) => [.. data, .. Success];
}
