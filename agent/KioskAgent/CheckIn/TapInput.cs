using KioskAgent.Members;

namespace KioskAgent.CheckIn;

/// <summary>
/// A tap as check-in sees it, whether a card or a member QR: where, when, the member found (null
/// when unknown), the card string the rules match (UID or number), and how to show it.
/// </summary>
/// <param name="Failure">Set when the card could not be read or verified (no rule runs), with the member-facing message.</param>
internal sealed record TapInput(string ReaderId, DateTimeOffset At, Member? Member, string Card, string CardUid, string MaskedCard, string Credential, string? Failure = null);
