namespace KioskAgent.Rewards;

/// <summary>
/// Voucher codes (凭证号): eight symbols shown as two groups (<c>K7QX-4MRD</c>), from Crockford's
/// base32 alphabet (https://www.crockford.com/base32.html, which already leaves out I, L, O and U)
/// without 0 and 1 as well, so nothing on the paper can be misread. 30^8 ≈ 2^39 codes: short
/// enough to read out or type, printable on any receipt printer. Uniqueness is enforced where
/// they are stored.
/// </summary>
public static class VoucherCode
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>Random bytes one code takes.</summary>
    public const int RandomBytes = 5;

    private const int Symbols = 8;

    /// <summary>Makes a code from <see cref="RandomBytes"/> random bytes (the caller owns the randomness).</summary>
    public static string From(ReadOnlySpan<byte> random)
    {
        if (random.Length != RandomBytes)
        {
            throw new ArgumentException($"A voucher code takes {RandomBytes} random bytes.", nameof(random));
        }

        ulong bits = 0;
        foreach (var b in random)
        {
            bits = (bits << 8) | b;
        }

        Span<char> chars = stackalloc char[Symbols + 1];
        for (var i = Symbols - 1; i >= 0; i--)
        {
            chars[i < 4 ? i : i + 1] = Alphabet[(int)(bits % (ulong)Alphabet.Length)];
            bits /= (ulong)Alphabet.Length;
        }

        chars[4] = '-';
        return new string(chars);
    }

    /// <summary>True for a well-formed code (e.g. scanned back from a voucher).</summary>
    public static bool IsValid(string? code) =>
        code is { Length: Symbols + 1 } && code[4] == '-' && code.Where((c, i) => i != 4).All(c => Alphabet.Contains(c, StringComparison.Ordinal));

    /// <summary>The QR payload staff scan: <c>KV1:&lt;voucher code&gt;:&lt;transaction id&gt;</c>.</summary>
    public static string QrPayload(string voucherCode, string transactionId) => $"KV1:{voucherCode}:{transactionId}";
}
