namespace KioskAgent.Devices;

/// <summary>What taps at a reader mean.</summary>
public enum CardReaderRole
{
    /// <summary>Members tap to see their account.</summary>
    Member = 1,
}
