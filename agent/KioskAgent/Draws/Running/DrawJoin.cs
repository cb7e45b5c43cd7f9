namespace KioskAgent.Draws.Running;

/// <summary>A member who tapped to join a draw: their entrant code and masked name (nothing else is kept).</summary>
public sealed record DrawJoin(string EntrantId, string MaskedName);
