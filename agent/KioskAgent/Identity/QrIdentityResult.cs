namespace KioskAgent.Identity;

/// <summary>
/// The identity a member QR claims: the code as central issued it (<c>KM1:&lt;token&gt;</c>, the key the
/// member cache finds the member by), or why the text is not a member code. The code is a credential:
/// show and log only <see cref="Masked"/>.
/// </summary>
public sealed record QrIdentityResult(string? Code, string RefusalReason)
{
    public bool Succeeded => Code is not null;

    /// <summary>The last four characters, as card UIDs are shown.</summary>
    public string Masked => Code is { Length: > 4 } code ? "QR ****" + code[^4..] : "QR";

    public static QrIdentityResult Ok(string code) => new(code, "");

    public static QrIdentityResult Refused(string reason) => new(null, reason);
}
