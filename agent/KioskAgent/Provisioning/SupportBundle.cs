using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KioskAgent.Commands.Logs;
using KioskAgent.Devices.Health;
using KioskAgent.Hosting;
using KioskAgent.Journal;
using Microsoft.Extensions.Options;

namespace KioskAgent.Provisioning;

/// <summary>
/// A support bundle (zip) for a technician or the vendor: the configuration with every secret
/// redacted, the recent scrubbed log lines (<see cref="RecentLogs"/>), device health and the
/// outbox, versions, and a manifest listing each file's SHA-256 and the redacted keys.
/// </summary>
public sealed class SupportBundle(
    ProvisionedConfigService config,
    RecentLogs logs,
    DeviceHealthRegistry health,
    TransactionJournal journal,
    IOptions<KioskOptions> kiosk,
    KioskKey key,
    TimeProvider time)
{
    /// <summary>The zip's bytes and the keys whose values it does not contain.</summary>
    public async Task<(byte[] Zip, IReadOnlyList<string> RedactedKeys)> BuildAsync(CancellationToken cancellationToken)
    {
        var effective = config.Effective("");
        var redacted = effective.Where(kv => kv.Value == ProvisionedKeys.Redacted).Select(kv => kv.Key).ToList();
        var outbox = await journal.StatusAsync(cancellationToken).ConfigureAwait(false);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["config.json"] = JsonSerializer.SerializeToUtf8Bytes(new SupportBundleDocuments.Config(config.State.AppliedVersion, effective, config.ProvisionedShown()), ProvisioningJson.Default.Config),
            ["logs.txt"] = Encoding.UTF8.GetBytes(string.Join('\n', logs.Last(RecentLogs.Capacity)) + "\n"),
            ["health.json"] = JsonSerializer.SerializeToUtf8Bytes(new SupportBundleDocuments.Health(health.All, outbox, journal.Fault?.Reason), ProvisioningJson.Default.Health),
            ["versions.json"] = JsonSerializer.SerializeToUtf8Bytes(new SupportBundleDocuments.Versions(AgentVersion.Current, Environment.Version.ToString(), Environment.OSVersion.ToString()), ProvisioningJson.Default.Versions),
        };
        var manifest = new SupportBundleDocuments.Manifest(
            kiosk.Value.KioskId,
            kiosk.Value.SiteId,
            key.Fingerprint,
            time.GetUtcNow(),
            redacted,
            [.. files.Select(f => new SupportBundleDocuments.File(f.Key, f.Value.Length, Convert.ToHexStringLower(SHA256.HashData(f.Value))))]);
        files["manifest.json"] = JsonSerializer.SerializeToUtf8Bytes(manifest, ProvisioningJson.Default.Manifest);

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in files)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                await using var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            }
        }

        return (buffer.ToArray(), redacted);
    }
}
