namespace KioskAgent.Hardware.Pcsc.Watching;

/// <summary>The card on the reader as the watch loop knows it: pcsc-lite's event counter when it came, and our connection to it.</summary>
internal sealed class CardSession(int eventCounter)
{
    public int EventCounter { get; } = eventCounter;

    /// <summary>Null when the card could not be read (a CardReadFailed was reported for it).</summary>
    public CardLink? Link { get; set; }
}
