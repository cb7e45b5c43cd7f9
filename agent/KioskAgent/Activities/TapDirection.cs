namespace KioskAgent.Activities;

/// <summary>Whether a tap is someone coming in or going out (the reader's role or the staff's choice).</summary>
public enum TapDirection
{
    Entry,
    Exit,
}
