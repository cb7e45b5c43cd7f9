namespace KioskAgent.Activities;

/// <summary>The known check-ins of one activity, per member in time order: who came, who is inside.</summary>
internal sealed class AttendanceLedger
{
    private readonly Dictionary<string, List<CheckInRecord>> _byMember = new(StringComparer.Ordinal);

    public AttendanceLedger(string activityId, IEnumerable<CheckInRecord> history)
    {
        foreach (var record in history.Where(h => h.ActivityId == activityId).OrderBy(h => h.At))
        {
            if (!_byMember.TryGetValue(record.MemberNumber, out var list))
            {
                _byMember[record.MemberNumber] = list = [];
            }

            list.Add(record);
        }
    }

    public IReadOnlyList<CheckInRecord> Of(string memberNumber) =>
        _byMember.TryGetValue(memberNumber, out var list) ? list : [];

    public bool IsInside(string memberNumber) => Of(memberNumber) is [.., { Direction: TapDirection.Entry }];

    /// <summary>Members inside (their last record is an entry).</summary>
    public int Inside => _byMember.Values.Count(l => l[^1].Direction == TapDirection.Entry);

    /// <summary>Members with at least one entry.</summary>
    public int Attended => _byMember.Values.Count(l => l.Exists(r => r.Direction == TapDirection.Entry));

    public bool HasAttended(string memberNumber) => Of(memberNumber).Any(r => r.Direction == TapDirection.Entry);
}
