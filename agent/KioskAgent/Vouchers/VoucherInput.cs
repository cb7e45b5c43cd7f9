using KioskAgent.Rewards;

namespace KioskAgent.Vouchers;

/// <summary>
/// What staff entered, read as a voucher: the code typed on the keypad (<c>K7QX-4MRD</c>; case,
/// spaces and the hyphen do not matter) or a scanned QR (<c>KV1:&lt;code&gt;:&lt;transaction id&gt;</c>,
/// <see cref="VoucherCode.QrPayload"/>). Null when it is neither.
/// </summary>
public sealed record VoucherInput(string Code, string RedemptionTransactionId)
{
    /// <summary>The longest input looked at (a QR payload with a UUID is 50 characters).</summary>
    public const int MaxLength = 128;

    public static VoucherInput? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
        {
            return null;
        }

        text = text.Trim();
        if (text.StartsWith(Camera.VoucherQrCode.Prefix, StringComparison.Ordinal))
        {
            var parts = text.Split(':');
            return parts.Length == 3 && VoucherCode.IsValid(parts[1]) && Guid.TryParse(parts[2], out _) ? new VoucherInput(parts[1], parts[2]) : null;
        }

        var symbols = new string([.. text.Where(c => c is not (' ' or '-')).Select(char.ToUpperInvariant)]);
        if (symbols.Length != 8)
        {
            return null;
        }

        var code = $"{symbols[..4]}-{symbols[4..]}";
        return VoucherCode.IsValid(code) ? new VoucherInput(code, "") : null;
    }
}
