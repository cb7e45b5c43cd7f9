using System.Text.Json;
using System.Text.Json.Serialization;

namespace KioskAgent.RemoteConfig;

/// <summary>remote-config.json's shape, generated at build time: no reflection, so a trimmed build reads it too.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(RemoteConfigState))]
internal sealed partial class RemoteConfigJson : JsonSerializerContext;
