using KioskAgent.Activities;
using KioskAgent.CheckIn;

namespace KioskAgent.CrossKiosk;

/// <summary>The check-in runtime as the relay sees it: the activity store, the accepted check-ins in the journal, and the desk whose rule engine counts relayed ones.</summary>
public sealed class DeskCheckIns(ActivityStore activities, CheckInLedgerStore ledger, CheckInDesk desk) : ILocalCheckIns
{
    public Activity? Find(string activityId) => activities.Find(activityId)?.Activity;

    public IReadOnlyList<KnownCheckIn> Accepted(string activityId, string memberNumber) =>
        [.. ledger.Accepted(activityId, memberNumber).Select(a => new KnownCheckIn(a.TransactionId, "", a.Record, a.ShortCode))];

    public void Remember(KnownCheckIn checkIn) => desk.Remember(checkIn.Record, checkIn.ShortCode);
}
