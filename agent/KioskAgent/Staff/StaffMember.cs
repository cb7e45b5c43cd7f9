using KioskAgent.Contracts.V1;

namespace KioskAgent.Staff;

/// <summary>One entry of the staff list: the staff card, who it is, what they may do, and the PIN's hash.</summary>
public sealed record StaffMember(string StaffId, string CardUid, string CardNumber, string Name, StaffRole Role, string PinHash)
{
    public StaffIdentity Identity => new(StaffId, Name, Role);

    /// <summary>Whether the card presented (its UID as hex, or the number a wedge reader typed) is this staff card.</summary>
    public bool HasCard(string presented) =>
        (CardUid.Length > 0 && string.Equals(CardUid, presented, StringComparison.OrdinalIgnoreCase))
        || (CardNumber.Length > 0 && string.Equals(CardNumber, presented.Trim(), StringComparison.Ordinal));

    public StaffRecord ToRecord() => new()
    {
        StaffId = StaffId,
        CardUid = CardUid,
        CardNumber = CardNumber,
        Name = Name,
        Role = StaffRoles.Name(Role),
        PinHash = PinHash,
    };

    /// <summary>A record that passed <see cref="StaffRecordValidator"/>.</summary>
    public static StaffMember From(StaffRecord record) => new(
        record.StaffId,
        record.CardUid.Trim().ToUpperInvariant(),
        record.CardNumber.Trim(),
        record.Name.Trim(),
        StaffRoles.Parse(record.Role) ?? throw new ArgumentException("unknown role", nameof(record)),
        record.PinHash);
}
