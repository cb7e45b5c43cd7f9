namespace KioskAgent.Staff;

/// <summary>What a PIN check found. A card not on the staff list is <see cref="Wrong"/>, like a wrong PIN.</summary>
public enum PinOutcome
{
    Accepted,
    Wrong,
    Locked,
}
