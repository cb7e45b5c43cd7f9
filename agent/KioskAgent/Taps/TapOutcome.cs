using KioskAgent.Hardware.Card;
using KioskAgent.Members;

namespace KioskAgent.Taps;

/// <summary>What the kiosk answers to a card tap: the member, or a refusal with a reason a person can read.</summary>
/// <param name="CardFailure">Set when the card itself could not be read or verified, typed where that arose.</param>
public sealed record TapOutcome(bool Accepted, Member? Member, string ReasonCode, string Message, CardFailureKind? CardFailure = null)
{
    public static TapOutcome Accept(Member member) => new(true, member, "", "");

    public static TapOutcome Refuse(string reasonCode, string message, Member? member = null) => new(false, member, reasonCode, message);
}
