using KioskAgent.Contracts.V1;
using KioskAgent.Members;

namespace KioskAgent.Taps;

/// <summary>
/// A feature that adds to the member screen after an accepted tap (a card or a member QR), before it is shown (e.g.
/// rewards: the points left after unconfirmed redemptions, notices, the gift button). Runs on the
/// tap path: it must be quick and must not throw (a contributor that does is logged and skipped).
/// </summary>
public interface IMemberViewContributor
{
    /// <param name="readerId">The reader or camera whose tap identified the member.</param>
    void Contribute(string readerId, Member member, MemberView view);
}
