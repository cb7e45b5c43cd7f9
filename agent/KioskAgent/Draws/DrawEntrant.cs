namespace KioskAgent.Draws;

/// <summary>
/// One entrant of a draw as the public pool shows it: a non-personal id the attendee saw at check-in
/// or join (e.g. the short code of their check-in transaction) and their masked name. Never a member
/// number, phone or unmasked name: the pool is published.
/// </summary>
public sealed record DrawEntrant(string Id, string MaskedName);
