using KioskAgent.Contracts.V1;
using KioskAgent.Members;

namespace KioskAgent.Taps;

/// <summary>
/// A feature that adds to the member screen after an accepted tap, before it is shown (e.g.
/// rewards: the points left after unconfirmed redemptions, notices, the gift button). Runs on the
/// tap path: it must be quick and must not throw (a contributor that does is logged and skipped).
/// </summary>
public interface IMemberViewContributor
{
    void Contribute(Tap tap, Member member, MemberView view);
}
