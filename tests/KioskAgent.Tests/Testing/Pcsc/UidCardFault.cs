namespace KioskAgent.Tests.Testing.Pcsc;

/// <summary>How a <see cref="BrokenUidCard"/> misbehaves.</summary>
public enum UidCardFault
{
    /// <summary>An ATR that is not ISO/IEC 7816-3 (bad TS, wrong length).</summary>
    GarbageAtr,

    /// <summary>FF CA answered with a UID but SW 6A 81 (function not supported).</summary>
    WrongStatusWord,

    /// <summary>FF CA answered a single byte: no room for SW1 SW2.</summary>
    TruncatedAnswer,

    /// <summary>The card leaves the field (the connection drops) while FF CA is pending.</summary>
    PulledMidApdu,
}
