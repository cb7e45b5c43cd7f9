using KioskAgent.Activities;
using KioskAgent.Draws;
using KioskAgent.Draws.Pools;
using KioskAgent.Members;
using KioskAgent.Staff;

namespace KioskAgent.CheckIn;

/// <summary>
/// A draw's pool from an activity's accepted check-ins (docs/draw-verification.md#the-pool-of-an-activity):
/// this kiosk's own and those other kiosks' that central relayed here. One entrant per member,
/// identified by the short code of their first accepted entry (what they saw on the screen then) and
/// their masked name; marked as staff when any of the member's cards is on the staff list. Exits
/// do not count. Two members whose codes happen to be equal (made on two kiosks apart) keep the
/// code by who checked in first; the later one gets the code with "-2" (then "-3"...).
/// </summary>
public sealed class CheckInDrawPool(CheckInDesk desk, MemberCache members, StaffDirectory staff, DrawPersonKeys persons) : IDrawPoolSource
{
    /// <summary>The masked name of an entrant whose member is no longer in the member data.</summary>
    public const string UnknownName = "*";

    public Task<IReadOnlyList<PoolCandidate>> CheckedInAsync(string activityId, CancellationToken cancellationToken)
    {
        var firsts = desk.Accepted(activityId)
            .Where(a => a.Record.Direction == TapDirection.Entry)
            .OrderBy(a => a.Record.At).ThenBy(a => a.ShortCode, StringComparer.Ordinal)
            .DistinctBy(a => a.Record.MemberNumber, StringComparer.Ordinal)
            .ToList();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var candidates = new List<PoolCandidate>(firsts.Count);
        foreach (var (record, code) in firsts)
        {
            var id = Unique(code.Length > 0 ? code : "R", ids);
            candidates.Add(Candidate(record.MemberNumber, id));
        }

        return Task.FromResult<IReadOnlyList<PoolCandidate>>(candidates);
    }

    private PoolCandidate Candidate(string memberNumber, string id)
    {
        Member? member;
        try
        {
            member = members.FindByMemberNumber(memberNumber);
        }
        catch (MemberDataUnavailableException)
        {
            throw new DrawRefusedException(DrawRefusal.FailedPrecondition, "the member data cannot be read now: the pool cannot tell staff from members (see health)");
        }

        var name = member is null ? UnknownName : PersonalDataMask.Name(member.Name);
        var isStaff = member is not null && Draws.Running.MemberDrawJoinIdentity.IsStaff(staff, member);
        return new PoolCandidate(new DrawEntrant(id, name), persons.For(memberNumber), isStaff);
    }

    private static string Unique(string code, HashSet<string> taken)
    {
        var id = code;
        for (var n = 2; !taken.Add(id); n++)
        {
            id = $"{code}-{n}";
        }

        return id;
    }
}
