namespace KioskAgent.Camera;

/// <summary>
/// A voucher QR (<c>KV1:&lt;token&gt;</c>: 16-128 base64url characters, or ':'-separated fields as
/// on the kiosk's own printed vouchers, <c>KV1:&lt;voucher code&gt;:&lt;transaction id&gt;</c>).
/// Vouchers are redeemed by staff, never by the member alone.
/// </summary>
public static class VoucherQrCode
{
    public const string Prefix = "KV1:";

    /// <summary>Starts like a voucher code of any version ("KV…").</summary>
    public static bool LooksLikeVoucher(string payload) => payload.StartsWith("KV", StringComparison.Ordinal);

    /// <summary>Null when valid, else the reason: unsupported_version, bad_length, bad_characters.</summary>
    public static string? Problem(string payload)
    {
        if (!payload.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return "unsupported_version";
        }

        var token = payload.AsSpan(Prefix.Length);
        if (token.Length is < 16 or > 128)
        {
            return "bad_length";
        }

        foreach (var c in token)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or ':'))
            {
                return "bad_characters";
            }
        }

        return null;
    }
}
