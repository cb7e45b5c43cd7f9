using System.Security.Cryptography;
using System.Text;

namespace KioskAgent.Draws.Pools;

/// <summary>
/// The person behind an entrant, as draws compare people across draws (earlier winners of an event,
/// the 选房 admission): HMAC-SHA256 of the member number under a key derived from the kiosk secret
/// (info <see cref="KeyInfo"/>). Kept only in draw-catalog.db, never published: it links draws to a
/// person without the file holding a member number.
/// </summary>
public sealed class DrawPersonKeys
{
    public const string KeyInfo = "kiosk-draw-person-v1";

    /// <summary>The prefix of a group's key (a group pool's entrant stands for every member tagged with its id).</summary>
    public const string GroupPrefix = "group:";

    private readonly byte[] _key = new byte[32];

    public DrawPersonKeys(ReadOnlySpan<byte> secret) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, _key, salt: [], info: Encoding.ASCII.GetBytes(KeyInfo));

    public string For(string memberNumber) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(memberNumber)));

    public static string ForGroup(string groupId) => GroupPrefix + groupId;
}
