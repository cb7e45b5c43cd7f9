namespace KioskAgent.Central.Transactions;

/// <summary>
/// One journal of one kiosk: the space its sequence numbers count in. A kiosk whose journal was
/// replaced starts again at 1 under a new <see cref="JournalId"/>; kiosks that predate journal ids
/// send none and all their transactions count in the journal "".
/// </summary>
public readonly record struct JournalKey(KioskKey Kiosk, string JournalId)
{
    public override string ToString() => JournalId.Length == 0 ? Kiosk.ToString() : $"{Kiosk} journal {JournalId}";
}
