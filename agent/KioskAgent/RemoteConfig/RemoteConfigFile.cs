using System.Text.Json;
using KioskAgent.Storage;

namespace KioskAgent.RemoteConfig;

/// <summary>
/// Reads and writes remote-config.json. Writes go through <see cref="AtomicFile"/> (temporary file,
/// fsync, rename, fsync of the directory), so a power cut leaves either the old or the new document,
/// never half of one.
/// </summary>
public static class RemoteConfigFile
{
    public const string FileName = "remote-config.json";

    /// <summary>The persisted state; empty when there is no file. Throws for an unreadable or corrupt file.</summary>
    public static RemoteConfigState Read(string path)
    {
        if (!File.Exists(path))
        {
            return RemoteConfigState.Empty;
        }

        var state = JsonSerializer.Deserialize(File.ReadAllBytes(path), RemoteConfigJson.Default.RemoteConfigState)
            ?? throw new InvalidDataException($"{path} is empty.");
        return state with { Settings = new Dictionary<string, string>(state.Settings, StringComparer.OrdinalIgnoreCase) };
    }

    public static void Write(string path, RemoteConfigState state) =>
        AtomicFile.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(state, RemoteConfigJson.Default.RemoteConfigState));
}
