using System.Text.Json.Serialization;

namespace KioskAgent.CentralLink;

/// <summary>A line of the dead-letter log, generated at build time.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DeadLetterLog.Line))]
internal sealed partial class DeadLetterJson : JsonSerializerContext;
