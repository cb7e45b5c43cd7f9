using KioskAgent.Activities;

namespace KioskAgent.CrossKiosk;

/// <summary>
/// An accepted check-in with the id of the transaction that recorded it: the key every kiosk and
/// central dedupe by, so a relayed check-in is kept once however often it comes.
/// <see cref="ShortCode"/> is the non-personal entrant id the attendee saw.
/// </summary>
public sealed record KnownCheckIn(string TransactionId, string SiteId, CheckInRecord Record, string ShortCode = "");
