using KioskAgent.Activities;

namespace KioskAgent.CheckIn;

/// <summary>
/// What one activity's check-in knows now: the accepted records (each member's in time order), the
/// counts, the short codes handed out, and the refusals since it was opened here. Not thread-safe:
/// <see cref="CheckInDesk"/> holds the activity's lock around every use, which is what makes two
/// readers' taps of one card count once.
/// </summary>
public sealed class ActivityAttendance(string activityId)
{
    private readonly Dictionary<string, List<CheckInRecord>> _byMember = new(StringComparer.Ordinal);
    private readonly List<CheckInRecord> _all = [];
    private readonly List<(CheckInRecord Record, string ShortCode)> _coded = [];
    private readonly HashSet<string> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _refused = new(StringComparer.Ordinal);

    public string ActivityId { get; } = activityId;

    /// <summary>Members with at least one accepted entry.</summary>
    public int Attended { get; private set; }

    /// <summary>Members whose last record is an entry.</summary>
    public int Inside { get; private set; }

    public IReadOnlyDictionary<string, int> Refused => _refused;

    public int Taps { get; private set; }

    /// <summary>Every accepted record of the activity (the rule engine needs all of them only for capacity).</summary>
    public IReadOnlyList<CheckInRecord> All => _all;

    public IReadOnlyList<CheckInRecord> Of(string memberNumber) =>
        _byMember.TryGetValue(memberNumber, out var list) ? list : [];

    public bool HasCode(string code) => _codes.Contains(code);

    /// <summary>Every accepted record with the short code its attendee saw, in the order they became known (a draw's pool).</summary>
    public IReadOnlyList<(CheckInRecord Record, string ShortCode)> Coded => _coded;

    public void Add(CheckInRecord record, string shortCode)
    {
        if (!_byMember.TryGetValue(record.MemberNumber, out var list))
        {
            _byMember[record.MemberNumber] = list = [];
        }

        var attendedBefore = list.Exists(r => r.Direction == TapDirection.Entry);
        var insideBefore = list is [.., { Direction: TapDirection.Entry }];
        list.Add(record);
        _all.Add(record);
        _coded.Add((record, shortCode));
        _codes.Add(shortCode);
        Attended += !attendedBefore && record.Direction == TapDirection.Entry ? 1 : 0;
        Inside += (record.Direction == TapDirection.Entry ? 1 : 0) - (insideBefore ? 1 : 0);
    }

    /// <summary>Takes back a record whose commit failed (the last one added for that member).</summary>
    public void Remove(CheckInRecord record, string shortCode)
    {
        var list = _byMember[record.MemberNumber];
        var insideBefore = list is [.., { Direction: TapDirection.Entry }];
        list.Remove(record);
        _all.Remove(record);
        _coded.Remove((record, shortCode));
        _codes.Remove(shortCode);
        var attendedAfter = list.Exists(r => r.Direction == TapDirection.Entry);
        Attended -= record.Direction == TapDirection.Entry && !attendedAfter ? 1 : 0;
        Inside += (list is [.., { Direction: TapDirection.Entry }] ? 1 : 0) - (insideBefore ? 1 : 0);
    }

    public void Tapped() => Taps++;

    public void CountRefusal(string outcome, int by = 1) => _refused[outcome] = _refused.GetValueOrDefault(outcome) + by;
}
