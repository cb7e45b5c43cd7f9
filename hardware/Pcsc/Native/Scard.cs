namespace KioskAgent.Hardware.Pcsc.Native;

/// <summary>Constants of the PC/SC API as pcsc-lite defines them (pcsclite.h).</summary>
internal static class Scard
{
    /// <summary>SCARD_SCOPE_SYSTEM.</summary>
    public const uint ScopeSystem = 0x0002;

    /// <summary>SCARD_SHARE_SHARED: other applications may connect to the same card.</summary>
    public const uint ShareShared = 0x0002;

    /// <summary>SCARD_PROTOCOL_T0.</summary>
    public const uint ProtocolT0 = 0x0001;

    /// <summary>SCARD_PROTOCOL_T1.</summary>
    public const uint ProtocolT1 = 0x0002;

    /// <summary>SCARD_LEAVE_CARD: disconnect without resetting or powering down the card.</summary>
    public const uint LeaveCard = 0x0000;

    /// <summary>INFINITE timeout for SCardGetStatusChange.</summary>
    public const uint Infinite = 0xFFFFFFFF;

    /// <summary>The pseudo-reader whose state changes when a reader is plugged in or out (pcsc-lite ≥ 1.6).</summary>
    public const string PnpNotification = @"\\?PnP?\Notification";

    /// <summary>Largest response APDU: extended Le (65536 bytes) + SW1 SW2 (ISO/IEC 7816-4 §5.1).</summary>
    public const int MaxResponseLength = 65538;
}
