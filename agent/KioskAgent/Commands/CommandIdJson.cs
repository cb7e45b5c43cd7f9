using System.Text.Json.Serialization;

namespace KioskAgent.Commands;

/// <summary>A line of the command-id file, generated at build time (names as written since the file exists: PascalCase).</summary>
[JsonSerializable(typeof(CommandIdStore.Entry))]
internal sealed partial class CommandIdJson : JsonSerializerContext;
