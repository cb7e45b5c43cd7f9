using System.Security.Cryptography;
using System.Text;

namespace KioskAgent.Draws;

/// <summary>
/// The byte-exact encodings of docs/draw-verification.md: every ‖ joins length-prefixed fields
/// (4-byte big-endian length, then the bytes), strings are UTF-8, hashes enter as their 32 raw bytes.
/// Length prefixes make the joins unambiguous: ("ab","c") and ("a","bc") never hash alike.
/// </summary>
public static class DrawEncoding
{
    /// <summary>Orders strings by their UTF-8 bytes (not UTF-16 code units, not culture).</summary>
    public static readonly IComparer<string> Utf8Order = Comparer<string>.Create(
        (a, b) => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b)));

    /// <summary>lp(x): the 4-byte big-endian length of x followed by x.</summary>
    public static void AppendField(List<byte> buffer, ReadOnlySpan<byte> field)
    {
        buffer.Add((byte)(field.Length >> 24));
        buffer.Add((byte)(field.Length >> 16));
        buffer.Add((byte)(field.Length >> 8));
        buffer.Add((byte)field.Length);
        buffer.AddRange(field);
    }

    public static void AppendField(List<byte> buffer, string field) => AppendField(buffer, Encoding.UTF8.GetBytes(field));

    /// <summary>SHA-256 of lp(id) ‖ lp(masked name) for each entrant, in UTF-8 byte order of the id.</summary>
    public static byte[] PoolHash(IEnumerable<DrawEntrant> sortedPool)
    {
        var buffer = new List<byte>();
        foreach (var entrant in sortedPool)
        {
            AppendField(buffer, entrant.Id);
            AppendField(buffer, entrant.MaskedName);
        }

        return SHA256.HashData(buffer.ToArray());
    }

    /// <summary>seed* = SHA-256(lp(draw id) ‖ lp(pool hash) ‖ lp(seed) ‖ lp(contribution)).</summary>
    public static byte[] SeedStar(string drawId, ReadOnlySpan<byte> poolHash, ReadOnlySpan<byte> seed, string contribution)
    {
        var buffer = new List<byte>();
        AppendField(buffer, drawId);
        AppendField(buffer, poolHash);
        AppendField(buffer, seed);
        AppendField(buffer, contribution);
        return SHA256.HashData(buffer.ToArray());
    }

    /// <summary>An entrant's rank key: SHA-256(lp(seed*) ‖ lp(entrant id)).</summary>
    public static byte[] RankKey(ReadOnlySpan<byte> seedStar, string entrantId)
    {
        var buffer = new List<byte>(seedStar.Length + 64);
        AppendField(buffer, seedStar);
        AppendField(buffer, entrantId);
        return SHA256.HashData(buffer.ToArray());
    }

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Hex(SHA256.HashData(bytes));
}
