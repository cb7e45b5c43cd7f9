namespace KioskAgent.Devices;

/// <summary>What taps at a reader mean.</summary>
public enum CardReaderRole
{
    /// <summary>Members tap to see their account.</summary>
    Member = 1,

    /// <summary>Staff tap to enter staff mode; attendees tap to check in while staff mode runs.</summary>
    Staff = 2,
}
