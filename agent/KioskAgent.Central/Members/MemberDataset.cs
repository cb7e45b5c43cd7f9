using Google.Protobuf.WellKnownTypes;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Central.Members;

/// <summary>
/// Central's member data at one version: members by number, levels and gifts. Every change makes
/// the next version and returns the delta that carries it to kiosks. Thread-safe.
/// </summary>
public sealed class MemberDataset
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, MemberRecord> _members = new(StringComparer.Ordinal);
    private readonly List<LevelRecord> _levels;
    private readonly List<GiftRecord> _gifts;
    private readonly Dictionary<string, StaffRecord> _staff = new(StringComparer.Ordinal);
    private ulong _version;

    /// <summary><paramref name="staff"/>: the kiosks' staff list (staff mode), sent with the member data.</summary>
    public MemberDataset(IEnumerable<MemberRecord> members, IEnumerable<LevelRecord> levels, IEnumerable<GiftRecord> gifts, ulong version = 1, IEnumerable<StaffRecord>? staff = null)
    {
        foreach (var record in staff ?? [])
        {
            _staff.Add(record.StaffId, record.Clone());
        }

        foreach (var member in members)
        {
            _members.Add(member.MemberNumber, member);
        }

        _levels = [.. levels];
        _gifts = [.. gifts];
        _version = version;
    }

    public ulong Version
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _members.Count;
            }
        }
    }

    public MemberRecord? Find(string memberNumber)
    {
        lock (_gate)
        {
            return _members.TryGetValue(memberNumber, out var member) ? member.Clone() : null;
        }
    }

    /// <summary>The whole data set and its version, consistent with each other, members in number order.</summary>
    public (ulong Version, IReadOnlyList<MemberRecord> Members, IReadOnlyList<LevelRecord> Levels, IReadOnlyList<GiftRecord> Gifts) Snapshot()
    {
        lock (_gate)
        {
            return (_version, [.. _members.Values.OrderBy(m => m.MemberNumber, StringComparer.Ordinal)], [.. _levels], [.. _gifts]);
        }
    }

    /// <summary>The staff list now, in staff id order (snapshots carry it in chunk 0).</summary>
    public IReadOnlyList<StaffRecord> Staff()
    {
        lock (_gate)
        {
            return [.. _staff.Values.OrderBy(s => s.StaffId, StringComparer.Ordinal).Select(s => s.Clone())];
        }
    }

    /// <summary>Adds or changes a staff member; returns the delta for kiosks.</summary>
    public MemberDelta SetStaff(StaffRecord staff)
    {
        lock (_gate)
        {
            _staff[staff.StaffId] = staff.Clone();
            var delta = new MemberDelta { Version = ++_version };
            delta.StaffUpserts.Add(staff.Clone());
            return delta;
        }
    }

    /// <summary>Removes a staff member; returns the delta for kiosks.</summary>
    public MemberDelta RemoveStaff(string staffId)
    {
        lock (_gate)
        {
            _staff.Remove(staffId);
            var delta = new MemberDelta { Version = ++_version };
            delta.RemovedStaffIds.Add(staffId);
            return delta;
        }
    }

    /// <summary>Sets a member's available points (e.g. after a purchase elsewhere); returns the delta for kiosks.</summary>
    public MemberDelta SetPoints(string memberNumber, long points, DateTimeOffset at) =>
        Change(memberNumber, m => m.Points = points, at);

    /// <summary>Sets a member's stored value in minor units; returns the delta for kiosks.</summary>
    public MemberDelta SetBalance(string memberNumber, long balanceMinor, DateTimeOffset at) =>
        Change(memberNumber, m => m.BalanceMinor = balanceMinor, at);

    /// <summary>Changes a member (any field) and returns the delta for kiosks.</summary>
    public MemberDelta Change(string memberNumber, Action<MemberRecord> change, DateTimeOffset at)
    {
        lock (_gate)
        {
            var member = _members[memberNumber].Clone();
            change(member);
            member.UpdatedAt = Timestamp.FromDateTimeOffset(at);
            _members[memberNumber] = member;
            var delta = new MemberDelta { Version = ++_version };
            delta.Upserts.Add(member.Clone());
            return delta;
        }
    }

    /// <summary>
    /// Moves to the next version without a delta for it, as if that delta were lost on the way:
    /// the next delta a kiosk sees leaves a gap (test and drill aid).
    /// </summary>
    public ulong SkipVersion()
    {
        lock (_gate)
        {
            return ++_version;
        }
    }
}
