using System.Buffers.Binary;
using System.Text;

namespace KioskAgent.Hardware.Card.Mifare;

/// <summary>
/// The KioskAgent member-number block, version 1: one 16-byte MIFARE Classic data block.
/// <code>
/// byte 0      A1        format: magic A (high nibble), version 1 (low nibble)
/// byte 1      n         number of digits, 1-12
/// bytes 2..   '0'-'9'   n ASCII digits
/// .. byte 13  00        zero padding
/// bytes 14-15 CRC       CRC-16/CCITT-FALSE over bytes 0-13, big-endian
/// </code>
/// A blank block (all 00 or all FF), a foreign layout or a torn write fails the magic, length,
/// padding or CRC check, so a wrong number is never read as a right one.
/// </summary>
public static class MemberNumberBlock
{
    public const byte FormatVersion1 = 0xA1;
    public const string FormatInvalid = "sector_format_invalid";

    private const int DigitsOffset = 2;
    private const int CrcOffset = 14;

    public static byte[] Encode(MemberNumber number)
    {
        if (number.Value is null)
        {
            throw new ArgumentException("The member number is empty.", nameof(number));
        }

        var block = new byte[MifareClassicLayout.BlockSize];
        block[0] = FormatVersion1;
        block[1] = (byte)number.Value.Length;
        Encoding.ASCII.GetBytes(number.Value, block.AsSpan(DigitsOffset));
        BinaryPrimitives.WriteUInt16BigEndian(block.AsSpan(CrcOffset), Crc16Ccitt.Compute(block.AsSpan(0, CrcOffset)));
        return block;
    }

    public static CardReadResult<MemberNumber> Decode(ReadOnlySpan<byte> block)
    {
        var problem = FindProblem(block);
        if (problem is not null)
        {
            return CardReadResult<MemberNumber>.Failure(FormatInvalid, problem);
        }

        var digits = Encoding.ASCII.GetString(block.Slice(DigitsOffset, block[1]));
        return CardReadResult<MemberNumber>.Success(new MemberNumber(digits));
    }

    private static string? FindProblem(ReadOnlySpan<byte> block)
    {
        if (block.Length != MifareClassicLayout.BlockSize)
        {
            return $"block of {block.Length} byte(s)";
        }

        if (block[0] != FormatVersion1)
        {
            return $"format byte {block[0]:X2}";
        }

        var storedCrc = BinaryPrimitives.ReadUInt16BigEndian(block[CrcOffset..]);
        if (storedCrc != Crc16Ccitt.Compute(block[..CrcOffset]))
        {
            return "CRC mismatch";
        }

        var length = block[1];
        if (length is 0 or > MemberNumber.MaxDigits)
        {
            return $"length {length}";
        }

        var digits = block.Slice(DigitsOffset, length);
        var padding = block[(DigitsOffset + length)..CrcOffset];
        return digits.ContainsAnyExceptInRange((byte)'0', (byte)'9') ? "non-digit character"
            : padding.ContainsAnyExcept((byte)0) ? "non-zero padding"
            : null;
    }
}
