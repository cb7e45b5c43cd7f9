using KioskAgent.Devices.Health;
using KioskAgent.Journal;

namespace KioskAgent.Provisioning;

/// <summary>The JSON documents of a support bundle (camelCase on the wire, as technicians' tools read them).</summary>
internal static class SupportBundleDocuments
{
    public sealed record Config(ulong Version, IReadOnlyDictionary<string, string> Effective, IReadOnlyDictionary<string, string> Provisioned);

    public sealed record Health(IReadOnlyList<DeviceHealthReport> Devices, OutboxStatus Outbox, string? JournalFault);

    public sealed record Versions(string Agent, string Runtime, string Os);

    public sealed record File(string Name, int Bytes, string Sha256);

    public sealed record Manifest(string KioskId, string SiteId, string Fingerprint, DateTimeOffset CreatedAt, IReadOnlyList<string> RedactedKeys, IReadOnlyList<File> Files);
}
