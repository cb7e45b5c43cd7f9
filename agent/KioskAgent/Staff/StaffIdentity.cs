namespace KioskAgent.Staff;

/// <summary>The staff member whose session is open: who every staff action is journaled as.</summary>
public sealed record StaffIdentity(string StaffId, string DisplayName, StaffRole Role)
{
    /// <summary>A supervisor may do what staff may; staff may not do what only a supervisor may.</summary>
    public bool May(StaffRole required) => Role >= required;
}
