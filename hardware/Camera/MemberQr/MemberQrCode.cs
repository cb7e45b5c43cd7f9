namespace KioskAgent.Hardware.Camera.MemberQr;

/// <summary>
/// The QR code of a digital member card: <c>KM1:&lt;token&gt;</c>. "KM" marks a kiosk member code,
/// "1" the format version; the token is an opaque, server-issued, short-lived credential of 16 to
/// 128 base64url characters (A-Z a-z 0-9 - _, no padding) that the agent resolves to a member.
/// Nothing personal is in the code. Anything else is refused with a reason.
/// </summary>
public static class MemberQrCode
{
    public const string Prefix = "KM1:";
    public const int MinTokenLength = 16;
    public const int MaxTokenLength = 128;

    public static string Format(string token)
    {
        var check = Parse(Prefix + token);
        return check.IsValid ? Prefix + token : throw new ArgumentException($"Not a valid member token: {check.Reason}.", nameof(token));
    }

    public static MemberQrParseResult Parse(string? payload)
    {
        if (string.IsNullOrEmpty(payload))
        {
            return MemberQrParseResult.Invalid(MemberQrParseResult.Empty);
        }

        if (!payload.StartsWith("KM", StringComparison.Ordinal))
        {
            return MemberQrParseResult.Invalid(MemberQrParseResult.NotAMemberCode);
        }

        if (!payload.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return MemberQrParseResult.Invalid(MemberQrParseResult.UnsupportedVersion);
        }

        var token = payload[Prefix.Length..];
        if (token.Length is < MinTokenLength or > MaxTokenLength)
        {
            return MemberQrParseResult.Invalid(MemberQrParseResult.BadLength);
        }

        return token.All(IsBase64Url) ? MemberQrParseResult.Valid(token) : MemberQrParseResult.Invalid(MemberQrParseResult.BadCharacters);
    }

    private static bool IsBase64Url(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
