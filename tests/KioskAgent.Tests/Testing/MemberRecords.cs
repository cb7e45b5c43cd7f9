using KioskAgent.Contracts.V1;

namespace KioskAgent.Tests.Testing;

/// <summary>Member data as central sends it, short to write in tests.</summary>
public static class MemberRecords
{
    /// <summary>A fixed 32-byte kiosk secret for caches opened in tests.</summary>
    public static byte[] Secret { get; } = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    public static MemberRecord Member(string number, params string[] cardUids)
    {
        var record = new MemberRecord { MemberNumber = number, Name = "王小明", Phone = "13812345678", Points = 100, Currency = "CNY" };
        record.Cards.AddRange(cardUids.Select(uid => new CardRecord { Uid = uid, State = MemberCardState.Active }));
        return record;
    }

    public static MemberBatch Batch(params MemberRecord[] members)
    {
        var batch = new MemberBatch();
        batch.Members.AddRange(members);
        return batch;
    }

    public static MemberDelta Delta(ulong version, params MemberRecord[] upserts)
    {
        var delta = new MemberDelta { Version = version };
        delta.Upserts.AddRange(upserts);
        return delta;
    }
}
