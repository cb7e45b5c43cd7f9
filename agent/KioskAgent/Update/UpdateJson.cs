using System.Text.Json.Serialization;

namespace KioskAgent.Update;

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(UpdateManifest))]
[JsonSerializable(typeof(UpdateState))]
[JsonSerializable(typeof(ReportedOutcomes))]
internal sealed partial class UpdateJson : JsonSerializerContext;
