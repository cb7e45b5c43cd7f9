using System.Globalization;
using System.Numerics;
using System.Text;
using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>
/// Maps a typed token to a <see cref="CardUid"/>:
/// <list type="bullet">
/// <item><see cref="TokenFormat.Decimal"/>: the number, big-endian, in at least 5 bytes (the 40-bit
/// EM4100 id size): "0012345678" → 00 00 BC 61 4E. A reader that types only the 32-bit part of
/// the EM4100 id therefore gives a top byte of 00; larger numbers use as many bytes as they need (≤ 16).</item>
/// <item><see cref="TokenFormat.Hex"/>: the hex digits as bytes, as typed ("0A1B2C3D4E" → 0A 1B 2C 3D 4E);
/// an odd count gets a leading 0.</item>
/// <item><see cref="TokenFormat.Text"/>: the ASCII bytes of the token (1 to 16 characters).</item>
/// </list>
/// </summary>
public static class CardNumber
{
    private const int Em4100Bytes = 5;
    private const int MaxUidBytes = 16;

    public static bool TryToUid(string token, TokenFormat format, out CardUid uid, out string problem)
    {
        uid = default;
        problem = string.Empty;
        var bytes = format switch
        {
            TokenFormat.Decimal => FromDecimal(token, out problem),
            TokenFormat.Hex => FromHex(token, out problem),
            _ => FromText(token, out problem),
        };
        if (bytes is null)
        {
            return false;
        }

        uid = CardUid.FromBytes(bytes);
        return true;
    }

    private static byte[]? FromDecimal(string token, out string problem)
    {
        problem = string.Empty;
        if (token.Length == 0 || !token.All(char.IsAsciiDigit))
        {
            problem = $"a decimal token has digits only ({token.Length} characters typed)";
            return null;
        }

        var value = BigInteger.Parse(token, NumberStyles.None, CultureInfo.InvariantCulture);
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (bytes.Length > MaxUidBytes)
        {
            problem = "the number needs more than 16 bytes";
            return null;
        }

        return bytes.Length >= Em4100Bytes ? bytes : [.. new byte[Em4100Bytes - bytes.Length], .. bytes];
    }

    private static byte[]? FromHex(string token, out string problem)
    {
        problem = string.Empty;
        if (token.Length is 0 or > MaxUidBytes * 2 || !token.All(char.IsAsciiHexDigit))
        {
            problem = $"a hex token has 1 to 32 hex digits ({token.Length} characters typed)";
            return null;
        }

        return Convert.FromHexString(token.Length % 2 == 0 ? token : "0" + token);
    }

    private static byte[]? FromText(string token, out string problem)
    {
        problem = string.Empty;
        if (token.Length is 0 or > MaxUidBytes || !token.All(c => c is >= ' ' and <= '~'))
        {
            problem = $"a text token has 1 to 16 printable ASCII characters ({token.Length} characters typed)";
            return null;
        }

        return Encoding.ASCII.GetBytes(token);
    }
}
