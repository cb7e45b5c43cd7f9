namespace KioskAgent.Hardware.Camera.MemberQr;

/// <summary>A parsed member QR code: the token, or why the payload is not one.</summary>
public sealed record MemberQrParseResult(bool IsValid, string? Token, string Reason)
{
    public const string Ok = "ok";
    public const string Empty = "empty";

    /// <summary>Some other QR code: a URL, a payment code, a coupon.</summary>
    public const string NotAMemberCode = "not_a_member_code";

    /// <summary>"KM2:…" and later: a newer app than this kiosk understands.</summary>
    public const string UnsupportedVersion = "unsupported_version";
    public const string BadLength = "bad_length";
    public const string BadCharacters = "bad_characters";

    public static MemberQrParseResult Valid(string token) => new(true, token, Ok);

    public static MemberQrParseResult Invalid(string reason) => new(false, null, reason);
}
