namespace KioskAgent.Camera;

/// <summary>
/// A voucher QR (<c>KV1:&lt;token&gt;</c>, the same shape as the member code: 16-128 base64url
/// characters issued by central). Vouchers are redeemed by staff, never by the member alone.
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
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
            {
                return "bad_characters";
            }
        }

        return null;
    }
}
