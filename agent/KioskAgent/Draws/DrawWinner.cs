namespace KioskAgent.Draws;

/// <summary>A prize assigned by the draw: the tier's index in the drawing order and the entrant's id.</summary>
public sealed record DrawWinner(int Tier, string Id);
