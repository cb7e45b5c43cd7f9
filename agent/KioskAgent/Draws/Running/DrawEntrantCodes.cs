using System.Security.Cryptography;
using System.Text;

namespace KioskAgent.Draws.Running;

/// <summary>
/// The entrant code of a member who taps to join: 8 characters of a keyed hash (HMAC-SHA256 under a
/// key derived from the kiosk secret) of the activity and the member number. The same member gets
/// the same code in every draw of an activity (so "earlier winners" are known, and a second tap
/// counts once), and the code says nothing about who they are.
/// </summary>
public sealed class DrawEntrantCodes
{
    public const string KeyInfo = "kiosk-draw-entrant-v1";

    // No 0/O, 1/I/L: read aloud and copied by hand across a hall.
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    private readonly byte[] _key = new byte[32];

    public DrawEntrantCodes(ReadOnlySpan<byte> secret) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, _key, salt: [], info: Encoding.ASCII.GetBytes(KeyInfo));

    public string For(string scope, string memberNumber)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{scope}\n{memberNumber}"));
        var code = new StringBuilder(8);
        var value = BitConverter.ToUInt64(mac, 0);
        for (var i = 0; i < 8; i++)
        {
            code.Append(Alphabet[(int)(value % (ulong)Alphabet.Length)]);
            value /= (ulong)Alphabet.Length;
        }

        return code.ToString();
    }
}
