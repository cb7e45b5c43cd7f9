namespace KioskAgent.Rewards;

/// <summary>How one step of a redemption went: empty <see cref="ReasonCode"/> when it went ahead.</summary>
public sealed record RedemptionStep(string ReasonCode, string Message, string TransactionId = "")
{
    public static RedemptionStep Done { get; } = new("", "");

    /// <summary>The session's screen is gone (cleared, or another card was tapped).</summary>
    public static RedemptionStep Expired { get; } = new(RedemptionTexts.SessionExpired, "");

    public bool WentAhead => ReasonCode.Length == 0;

    public static RedemptionStep From(RedemptionDecision decision) => new(decision.ReasonCode, decision.Message);
}
