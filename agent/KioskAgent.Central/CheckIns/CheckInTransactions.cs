using KioskAgent.Contracts.V1;

namespace KioskAgent.Central.CheckIns;

/// <summary>Reads a kiosk's check-in transaction (<see cref="ActivityCheckIn"/>) as the relay passes it on; null for anything else and for a refused tap.</summary>
public static class CheckInTransactions
{
    public const string AcceptedOutcome = "accepted";

    public static RelayedCheckIn? Accepted(Transaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (transaction.BodyCase != Transaction.BodyOneofCase.CheckIn || transaction.OccurredAt is null || string.IsNullOrEmpty(transaction.Id))
        {
            return null;
        }

        var checkIn = transaction.CheckIn;
        if (checkIn.Outcome != AcceptedOutcome || string.IsNullOrEmpty(checkIn.ActivityId) || string.IsNullOrEmpty(checkIn.MemberNumber))
        {
            return null;
        }

        return new RelayedCheckIn
        {
            TransactionId = transaction.Id,
            ActivityId = checkIn.ActivityId,
            MemberNumber = checkIn.MemberNumber,
            SiteId = transaction.SiteId,
            KioskId = transaction.KioskId,
            At = transaction.OccurredAt,
            Exit = checkIn.Direction == "exit",
            Provisional = checkIn.Provisional,
            ShortCode = checkIn.ShortCode,
        };
    }
}
