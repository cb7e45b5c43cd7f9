namespace KioskAgent.Update;

/// <summary>Signed A/B updates (docs/decisions/0007-signed-ab-updates.md).</summary>
public sealed class UpdateOptions
{
    public const string Section = "Update";

    /// <summary>The PEM public key (ECDSA P-256) update manifests must be signed with; missing: updates are refused.</summary>
    public string PublicKeyFile { get; set; } = "/etc/kiosk-agent/update-key.pem";

    /// <summary>Slots, state and backups; empty: <c>update</c> in the data directory.</summary>
    public string Directory { get; set; } = "";

    /// <summary>Extra CA (PEM) trusted for HTTPS downloads besides the system's, e.g. central's own CA.</summary>
    public string TrustedCaFile { get; set; } = "";

    /// <summary>A bundle larger than this is refused while it downloads or streams in.</summary>
    public long MaxBundleBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>The trial must say READY within this long.</summary>
    public int ReadySeconds { get; set; } = 120;

    /// <summary>After READY, the trial must keep the watchdog fed this long before it is committed.</summary>
    public int TrialSeconds { get; set; } = 60;

    /// <summary>The watchdog interval the trial must keep (when systemd gives none).</summary>
    public int TrialWatchdogSeconds { get; set; } = 30;

    /// <summary>Trial starts before an interrupted trial (power cut) counts as failed.</summary>
    public int MaxTrialStarts { get; set; } = 2;

    /// <summary>
    /// Test-only: the build's self-check reports failure. Set in a test bundle's own appsettings.json to
    /// make a build that fails its trial; never in a shipped configuration.
    /// </summary>
    public bool FailSelfCheckForTesting { get; set; }

    public string ResolveDirectory(string dataDirectory) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(Directory) ? Path.Combine(dataDirectory, "update") : Directory);
}
