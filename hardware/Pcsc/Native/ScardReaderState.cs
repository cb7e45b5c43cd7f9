using System.Runtime.InteropServices;

namespace KioskAgent.Hardware.Pcsc.Native;

/// <summary>
/// SCARD_READERSTATE as pcsc-lite declares it (PCSC/pcsclite.h): two pointers, three DWORDs and a
/// 33-byte ATR buffer, naturally aligned. 80 bytes with the ATR at offset 40 on 64-bit Linux;
/// 56 bytes with the ATR at offset 20 on 32-bit Linux (armhf). Windows and macOS differ and are not supported.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ScardReaderState
{
    /// <summary>MAX_ATR_SIZE in pcsclite.h (ISO/IEC 7816-3 §8.2.1: at most 32 bytes after TS, plus TS).</summary>
    public const int MaxAtrSize = 33;

    /// <summary>Zero-terminated UTF-8 reader name, owned by the caller.</summary>
    public nint Reader;
    public nint UserData;
    public nuint CurrentState;
    public nuint EventState;
    public nuint AtrLength;
    public fixed byte Atr[MaxAtrSize];
}
