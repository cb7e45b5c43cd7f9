using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Hardware.Pcsc.Watching;

/// <summary>A UID, or why there is none (a <see cref="PcscReadFailureReasons"/> code and a detail for logs).</summary>
internal readonly record struct UidReadResult(CardUid? Uid, string Reason, string Detail)
{
    public static UidReadResult Read(CardUid uid) => new(uid, string.Empty, string.Empty);

    public static UidReadResult Failed(string reason, string detail) => new(null, reason, detail);
}
