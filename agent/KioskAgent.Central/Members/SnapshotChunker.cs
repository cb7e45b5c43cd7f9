using System.Security.Cryptography;
using Google.Protobuf;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Central.Members;

/// <summary>
/// Cuts a data set into snapshot chunks of at most <c>chunkSize</c> members (levels and gifts ride
/// in chunk 0), each with the SHA-256 of its batch's binary protobuf encoding (docs/mqtt-contract.md).
/// </summary>
public static class SnapshotChunker
{
    public static uint CountFor(int members, int chunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        return (uint)Math.Max(1, (members + chunkSize - 1) / chunkSize);
    }

    public static IEnumerable<MemberSnapshotChunk> Chunks(
        string snapshotId,
        ulong version,
        IReadOnlyList<MemberRecord> members,
        IReadOnlyList<LevelRecord> levels,
        IReadOnlyList<GiftRecord> gifts,
        int chunkSize)
    {
        var count = CountFor(members.Count, chunkSize);
        for (uint index = 0; index < count; index++)
        {
            yield return Chunk(snapshotId, version, members, levels, gifts, chunkSize, index);
        }
    }

    /// <summary>Chunk <paramref name="index"/> of the snapshot; chunks are independent, so they can be built in parallel.</summary>
    public static MemberSnapshotChunk Chunk(
        string snapshotId,
        ulong version,
        IReadOnlyList<MemberRecord> members,
        IReadOnlyList<LevelRecord> levels,
        IReadOnlyList<GiftRecord> gifts,
        int chunkSize,
        uint index)
    {
        var batch = new MemberBatch();
        var end = Math.Min(members.Count, ((int)index + 1) * chunkSize);
        for (var i = (int)index * chunkSize; i < end; i++)
        {
            batch.Members.Add(members[i]);
        }

        if (index == 0)
        {
            batch.Levels.AddRange(levels);
            batch.Gifts.AddRange(gifts);
        }

        return new MemberSnapshotChunk
        {
            SnapshotId = snapshotId,
            Version = version,
            Index = index,
            Count = CountFor(members.Count, chunkSize),
            Sha256 = Hash(batch),
            Batch = batch,
        };
    }

    /// <summary>Chunk 0 with the staff list added (and its hash made again); other chunks as they are.</summary>
    public static MemberSnapshotChunk WithStaff(MemberSnapshotChunk chunk, IReadOnlyList<StaffRecord> staff)
    {
        if (chunk.Index != 0 || staff.Count == 0)
        {
            return chunk;
        }

        chunk.Batch.Staff.AddRange(staff);
        chunk.Sha256 = Hash(chunk.Batch);
        return chunk;
    }

    public static string Hash(MemberBatch batch) => Convert.ToHexStringLower(SHA256.HashData(batch.ToByteArray()));
}
