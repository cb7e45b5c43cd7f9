using System.Buffers;
using System.Security.Cryptography;
using Google.Protobuf;

namespace KioskAgent.Members;

/// <summary>
/// A member as the cache stores it: its row id, the sealed record, the keyed hash of its phone
/// (null without one) and the keyed hashes of its unique keys, the member number's first.
/// </summary>
internal sealed class SealedMember
{
    private SealedMember(long rowId, byte[] record, byte[]? phone, byte[][] keys)
    {
        RowId = rowId;
        Record = record;
        Phone = phone;
        Keys = keys;
    }

    public long RowId { get; }

    public byte[] Record { get; }

    public byte[]? Phone { get; }

    public byte[][] Keys { get; }

    /// <summary>
    /// Seals members for rows <paramref name="firstRowId"/> on, in parallel when there are many
    /// (serialising, encrypting and hashing cost more than SQLite's insert of the result).
    /// </summary>
    public static SealedMember[] SealAll(IReadOnlyList<Member> members, long firstRowId, MemberCacheCrypto crypto)
    {
        var result = new SealedMember[members.Count];
        if (members.Count < 64 || Environment.ProcessorCount == 1)
        {
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = Seal(members[i], firstRowId + i, crypto);
            }
        }
        else
        {
            Parallel.For(0, result.Length, i => result[i] = Seal(members[i], firstRowId + i, crypto));
        }

        return result;
    }

    public static SealedMember Seal(Member member, long rowId, MemberCacheCrypto crypto)
    {
        var record = MemberRecordCodec.ToRecord(member);
        var size = record.CalculateSize();
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        byte[] sealedRecord;
        try
        {
            var plaintext = buffer.AsSpan(0, size);
            record.WriteTo(plaintext);
            sealedRecord = crypto.Seal(rowId, plaintext);
            CryptographicOperations.ZeroMemory(plaintext);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var keys = new List<byte[]> { crypto.Hash(MemberKeys.Member(member.MemberNumber)) };
        foreach (var (key, _) in MemberKeys.Unique(member))
        {
            var hash = crypto.Hash(key);
            if (!keys.Exists(k => k.AsSpan().SequenceEqual(hash)))
            {
                keys.Add(hash);
            }
        }

        return new SealedMember(rowId, sealedRecord, member.Phone.Length == 0 ? null : crypto.Hash(MemberKeys.Phone(member.Phone)), [.. keys]);
    }
}
