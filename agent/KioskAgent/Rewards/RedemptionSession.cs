using KioskAgent.Contracts.V1;

namespace KioskAgent.Rewards;

/// <summary>
/// The member on screen, as far as redemption needs to know: who, at which reader, and the member
/// screen to go back to. <see cref="SessionId"/> is the transaction id of the tap that began it.
/// </summary>
public sealed record RedemptionSession(string SessionId, string MemberNumber, string ReaderId, MemberView MemberView);
