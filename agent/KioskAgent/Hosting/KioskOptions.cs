namespace KioskAgent.Hosting;

/// <summary>Who this kiosk is and where it keeps its files.</summary>
public sealed class KioskOptions
{
    public const string Section = "Kiosk";

    public string KioskId { get; set; } = "";

    public string SiteId { get; set; } = "";

    /// <summary>Holds the member cache and the transaction journal. Relative paths are taken from the working directory.</summary>
    public string DataDirectory { get; set; } = "/var/lib/kiosk-agent";

    /// <summary>IANA time zone of the site (e.g. Asia/Shanghai): when its days begin. Empty: the host's zone.</summary>
    public string TimeZone { get; set; } = "";

    public string ResolvedDataDirectory => Path.GetFullPath(DataDirectory);

    /// <summary>The kiosk's secret (32 random bytes, mode 0600); empty: <c>kiosk.secret</c> in the data directory. See <see cref="KioskSecret"/>.</summary>
    public string SecretFile { get; set; } = "";

    public string ResolvedSecretFile =>
        string.IsNullOrWhiteSpace(SecretFile) ? Path.Combine(ResolvedDataDirectory, KioskSecret.DefaultFileName) : Path.GetFullPath(SecretFile);

    /// <summary>Ids become MQTT topic levels, so they may not contain wildcards or separators.</summary>
    public static bool IsValidId(string id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
