namespace KioskAgent.Rewards;

/// <summary>Whether a redemption may go ahead, and if not, why (stable code + words for the member).</summary>
public sealed record RedemptionDecision(bool Allowed, string ReasonCode, string Message)
{
    public static RedemptionDecision Allow() => new(true, "", "");

    public static RedemptionDecision Refuse(string code, string message) => new(false, code, message);
}
