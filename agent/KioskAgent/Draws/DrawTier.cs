namespace KioskAgent.Draws;

/// <summary>A prize tier (奖项): its name, how many prizes it has, and its level (1 = top prize).</summary>
public sealed record DrawTier(string Name, int Count, int Level);
