using System.Text.Json;
using System.Text.Json.Serialization;

namespace KioskAgent.Provisioning;

/// <summary>
/// The provisioning files (enrollment.json) and the support bundle's documents, generated at build
/// time: no reflection, so a trimmed build writes them too.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(List<TechnicianRecord>))]
[JsonSerializable(typeof(SupportBundleDocuments.Config))]
[JsonSerializable(typeof(SupportBundleDocuments.Health))]
[JsonSerializable(typeof(SupportBundleDocuments.Versions))]
[JsonSerializable(typeof(SupportBundleDocuments.Manifest))]
internal sealed partial class ProvisioningJson : JsonSerializerContext;
