namespace KioskAgent.Staff;

/// <summary>A PIN pad on screen for one staff card tap; <see cref="Member"/> is null for a card not on the staff list.</summary>
internal sealed record StaffLogin(string LoginId, string CardKey, string MaskedCard, string ReaderId, StaffMember? Member);
