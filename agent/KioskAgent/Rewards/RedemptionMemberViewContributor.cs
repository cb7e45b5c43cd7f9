using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using KioskAgent.Members;
using KioskAgent.Taps;
using Microsoft.Extensions.Options;

namespace KioskAgent.Rewards;

/// <summary>
/// After a member's tap: shows the points they can spend (cached points minus this kiosk's
/// outstanding holds), tells them once about redemptions central rejected (points returned),
/// offers the gift list, and begins the redemption session for this screen.
/// </summary>
public sealed class RedemptionMemberViewContributor(
    RedemptionHoldStore holds,
    SiteCalendar calendar,
    RedemptionSessions sessions,
    ICentralReachability central,
    IOptionsMonitor<RedemptionPolicy> policy,
    TimeProvider time) : IMemberViewContributor
{
    public void Contribute(string readerId, Member member, MemberView view)
    {
        var now = time.GetUtcNow();
        var zone = calendar.Zone;
        var memberHolds = holds.ForMember(member.MemberNumber);
        view.Points = MemberStanding.Of(member, memberHolds, central.IsOnline, now, zone, policy.CurrentValue).AvailablePoints;

        var releases = memberHolds.UnnotifiedReleases();
        view.RedemptionNotices.AddRange(releases.Select(h => RedemptionScreens.Notice(h, zone)));
        holds.MarkNotified(releases.Select(h => h.HoldId), now);

        if (policy.CurrentValue.Enabled)
        {
            view.RedemptionOffered = true;
            sessions.Begin(new RedemptionSession(view.TransactionId, member.MemberNumber, readerId, view.Clone()));
        }
    }
}
