namespace KioskAgent.Draws.Pools;

/// <summary>
/// One candidate for a draw's pool as its source gives it: the public entrant (non-personal id,
/// masked name), the person behind it as an opaque key (<see cref="DrawPersonKeys"/>: never
/// published, never a member number in clear) so exclusions find the same person in other draws,
/// and whether the person holds a card on the staff list.
/// </summary>
public sealed record PoolCandidate(DrawEntrant Entrant, string Person, bool IsStaff = false);
