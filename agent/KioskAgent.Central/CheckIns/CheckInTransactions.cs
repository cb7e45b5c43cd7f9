using KioskAgent.Contracts.V1;

namespace KioskAgent.Central.CheckIns;

/// <summary>Reads a kiosk's check-in transaction as the relay passes it on; null for anything else and for refused taps.</summary>
public static class CheckInTransactions
{
    public static RelayedCheckIn? Accepted(Transaction transaction) =>
        // Filled in with the check-in transaction (transaction.proto, fields 25-29).
        transaction.BodyCase switch
        {
            _ => null,
        };
}
