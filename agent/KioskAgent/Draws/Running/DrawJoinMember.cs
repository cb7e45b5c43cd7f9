namespace KioskAgent.Draws.Running;

/// <summary>The member behind a join tap: their number (never shown or published) and masked name.</summary>
public sealed record DrawJoinMember(string MemberNumber, string MaskedName);
