using System.Security.Cryptography;

namespace KioskAgent.Hardware.Card.Mifare;

/// <summary>A 6-byte MIFARE Classic sector key and whether it is key A or B. Never printed.</summary>
public sealed class MifareKey
{
    /// <summary>MF1S50yyX §8.6.3: keys are 48 bits.</summary>
    public const int Size = 6;

    private readonly byte[] _bytes;

    public MifareKey(ReadOnlySpan<byte> bytes, MifareKeyType type)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"A MIFARE Classic key has {Size} bytes.", nameof(bytes));
        }

        if (!Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type));
        }

        _bytes = bytes.ToArray();
        Type = type;
    }

    public MifareKeyType Type { get; }

    internal ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Parses 12 hex digits (separators ':' '-' ' ' allowed), as keys are written in configuration.</summary>
    public static MifareKey Parse(string hex, MifareKeyType type)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var compact = hex.Replace(":", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (compact.Length != 2 * Size || !compact.All(char.IsAsciiHexDigit))
        {
            throw new FormatException($"A MIFARE Classic key is {2 * Size} hex digits.");
        }

        var bytes = Convert.FromHexString(compact);
        var key = new MifareKey(bytes, type);
        CryptographicOperations.ZeroMemory(bytes);
        return key;
    }

    public override string ToString() => $"MifareKey({Type})";
}
