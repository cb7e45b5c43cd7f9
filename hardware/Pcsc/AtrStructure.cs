namespace KioskAgent.Hardware.Pcsc;

/// <summary>Where the parts of an ATR are, per ISO/IEC 7816-3 §8.2.</summary>
internal readonly record struct AtrStructure(int HistoricalOffset, int HistoricalLength, bool IsContactlessIso14443Part4)
{
    /// <summary>ISO/IEC 7816-3 §8.1: TS is 3B (direct convention) or 3F (inverse convention).</summary>
    private const byte DirectConvention = 0x3B;
    private const byte InverseConvention = 0x3F;

    /// <summary>MAX_ATR_SIZE: TS + at most 32 further bytes (ISO/IEC 7816-3 §8.2.1).</summary>
    private const int MaxLength = 33;

    public static bool TryRead(ReadOnlySpan<byte> atr, out AtrStructure structure, out string error)
    {
        structure = default;
        error = string.Empty;
        if (atr.Length < 2 || atr.Length > MaxLength)
        {
            error = $"an ATR has 2 to {MaxLength} bytes, got {atr.Length}";
            return false;
        }

        if (atr[0] is not (DirectConvention or InverseConvention))
        {
            error = $"TS must be 3B or 3F, got {atr[0]:X2}";
            return false;
        }

        // §8.2.2: T0 = Y1 (which of TA1..TD1 follow) | K (number of historical bytes).
        var historicalLength = atr[1] & 0x0F;
        var indicator = atr[1] >> 4;
        var position = 2;
        var needsTck = false;
        while (true)
        {
            // §8.2.3: bits 5..8 of T0/TDi say whether TAi, TBi, TCi, TDi are present.
            position += int.PopCount(indicator & 0x7);
            if ((indicator & 0x8) == 0)
            {
                break;
            }

            if (position >= atr.Length)
            {
                error = "the interface bytes run past the end";
                return false;
            }

            var td = atr[position++];
            needsTck |= (td & 0x0F) != 0; // §8.2.5: TCK is present unless only T=0 is indicated.
            indicator = td >> 4;
        }

        var expected = position + historicalLength + (needsTck ? 1 : 0);
        if (atr.Length != expected)
        {
            error = $"the ATR should have {expected} bytes by its T0/TDi bytes, got {atr.Length}";
            return false;
        }

        if (needsTck && !ChecksumIsValid(atr))
        {
            error = "TCK does not match (XOR of T0..TCK must be 00)";
            return false;
        }

        // PC/SC Part 3 §3.1.3.2.3.2: 3B 8n 80 01 — TD1 = 80 (T=0, TD2 follows), TD2 = 01 (T=1).
        var part4 = atr[0] == DirectConvention && (atr[1] & 0xF0) == 0x80 && position == 4 && atr[2] == 0x80 && atr[3] == 0x01;
        structure = new AtrStructure(position, historicalLength, part4);
        return true;
    }

    private static bool ChecksumIsValid(ReadOnlySpan<byte> atr)
    {
        byte xor = 0;
        foreach (var b in atr[1..])
        {
            xor ^= b;
        }

        return xor == 0;
    }
}
