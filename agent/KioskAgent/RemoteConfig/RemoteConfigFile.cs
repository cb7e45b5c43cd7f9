using System.Text.Json;

namespace KioskAgent.RemoteConfig;

/// <summary>
/// Reads and writes remote-config.json. Writes are atomic (temporary file, fsync, rename), so a power
/// cut leaves either the old or the new document, never half of one.
/// </summary>
public static class RemoteConfigFile
{
    public const string FileName = "remote-config.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The persisted state; empty when there is no file. Throws for an unreadable or corrupt file.</summary>
    public static RemoteConfigState Read(string path)
    {
        if (!File.Exists(path))
        {
            return RemoteConfigState.Empty;
        }

        var state = JsonSerializer.Deserialize<RemoteConfigState>(File.ReadAllBytes(path), Json)
            ?? throw new InvalidDataException($"{path} is empty.");
        return state with { Settings = new Dictionary<string, string>(state.Settings, StringComparer.OrdinalIgnoreCase) };
    }

    public static void Write(string path, RemoteConfigState state)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, state, Json);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
