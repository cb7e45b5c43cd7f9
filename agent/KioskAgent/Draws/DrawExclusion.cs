namespace KioskAgent.Draws;

/// <summary>An entrant kept out of the pool, with why (e.g. <c>staff</c>, <c>earlier_winner</c>); part of the published rules.</summary>
public sealed record DrawExclusion(string Id, string Reason)
{
    public const string Staff = "staff";
    public const string EarlierWinner = "earlier_winner";
}
