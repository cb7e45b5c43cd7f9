using System.Security.Cryptography;
using Google.Protobuf;
using KioskAgent.Contracts.V1;

namespace KioskAgent.MemberSync;

/// <summary>
/// The snapshot chunk hash rule (docs/mqtt-contract.md): lower-case hex SHA-256 of the binary
/// protobuf encoding of the chunk's <c>batch</c>, fields in field-number order as every protobuf
/// library writes them. Checked before the chunk is used at all.
/// </summary>
public static class ChunkHash
{
    public static string Of(MemberBatch batch) => Convert.ToHexStringLower(SHA256.HashData(batch.ToByteArray()));

    public static bool Matches(MemberSnapshotChunk chunk) =>
        chunk.Batch is { } batch && string.Equals(Of(batch), chunk.Sha256, StringComparison.Ordinal);
}
