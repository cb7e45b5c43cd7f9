namespace KioskAgent.Draws.Running;

/// <summary>
/// A member who tapped to join a draw: their entrant code and masked name, and the person key
/// (<see cref="Pools.DrawPersonKeys"/>) that finds them in the event's other draws; nothing else is kept.
/// </summary>
public sealed record DrawJoin(string EntrantId, string MaskedName, string Person = "");
