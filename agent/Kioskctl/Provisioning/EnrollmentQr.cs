namespace Kioskctl.Provisioning;

/// <summary>
/// The enrollment QR on a kiosk's screen and slip, as a scanner gives its text:
/// <c>kiosk-enroll:?fp=FINGERPRINT&amp;addr=HOST%3APORT&amp;serial=SERIAL</c> (never the code). It names the
/// address to enroll with and the key to pin, exactly as the fingerprint shown beside it does.
/// </summary>
public static class EnrollmentQr
{
    public const string Prefix = "kiosk-enroll:?";

    /// <summary>False when <paramref name="text"/> is not the QR's text (a plain HOST[:PORT]); throws <see cref="FormatException"/> for a QR without fp or addr.</summary>
    public static bool TryParse(string text, out string address, out string fingerprint)
    {
        address = "";
        fingerprint = "";
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var pair in text[Prefix.Length..].Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var value = equals > 0 ? Uri.UnescapeDataString(pair[(equals + 1)..]) : "";
            switch (equals > 0 ? pair[..equals] : "")
            {
                case "fp":
                    fingerprint = PinnedChannel.Normalize(value);
                    break;
                case "addr":
                    address = value;
                    break;
            }
        }

        return address.Length > 0 && fingerprint.Length > 0
            ? true
            : throw new FormatException("the enrollment QR's text must carry fp= (the key fingerprint) and addr= (the address): scan it again");
    }
}
