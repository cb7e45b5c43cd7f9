using System.Text.Json;
using KioskAgent.Storage;

namespace KioskAgent.Update;

/// <summary>
/// The update directory: <c>slots/a</c>, <c>slots/b</c>, the <c>current</c> symlink (absent: the
/// factory image, the package's own copy), <c>state.json</c>, <c>reported.json</c>, <c>backup/</c>
/// and <c>incoming/</c> (bundles being received).
/// </summary>
public sealed class UpdateSlots(string root)
{
    /// <summary>The manifest as installed, beside the agent in a slot (or in the factory image).</summary>
    public const string BuildFileName = "kiosk-agent-build.json";
    public const string Factory = "factory";

    public string Root { get; } = Path.GetFullPath(root);

    public string CurrentLink => Path.Combine(Root, "current");

    public string StateFile => Path.Combine(Root, "state.json");

    public string ReportedFile => Path.Combine(Root, "reported.json");

    public string BackupDirectory => Path.Combine(Root, "backup");

    public string IncomingDirectory => Path.Combine(Root, "incoming");

    public string Slot(string name) => Path.Combine(Root, "slots", name);

    /// <summary>"a" or "b" as the symlink says; null when it is absent or points elsewhere.</summary>
    public string? CurrentSlot()
    {
        var name = new FileInfo(CurrentLink).LinkTarget is { } target ? Path.GetFileName(target.TrimEnd('/')) : null;
        return name is "a" or "b" ? name : null;
    }

    public static string Other(string? slot) => slot == "a" ? "b" : "a";

    /// <summary>Points <c>current</c> at <paramref name="slot"/> (null: removes it) with one rename(2).</summary>
    public void SwitchCurrent(string? slot)
    {
        Directory.CreateDirectory(Root);
        if (slot is null)
        {
            // File.Delete removes the link itself, never its target.
            File.Delete(CurrentLink);
        }
        else
        {
            var temporary = CurrentLink + ".tmp";
            File.Delete(temporary);
            File.CreateSymbolicLink(temporary, Path.Combine("slots", slot));
            if (Native.Rename(temporary, CurrentLink) != 0)
            {
                throw new IOException($"Could not switch {CurrentLink} to slot {slot} (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}).");
            }
        }

        AtomicFile.SyncDirectory(Root);
    }

    public UpdateState LoadState() => Load(StateFile, UpdateJson.Default.UpdateState) ?? new UpdateState();

    public void SaveState(UpdateState state) =>
        AtomicFile.WriteAllBytes(StateFile, JsonSerializer.SerializeToUtf8Bytes(state, UpdateJson.Default.UpdateState));

    public ReportedOutcomes LoadReported() => Load(ReportedFile, UpdateJson.Default.ReportedOutcomes) ?? new ReportedOutcomes();

    public void SaveReported(ReportedOutcomes reported) =>
        AtomicFile.WriteAllBytes(ReportedFile, JsonSerializer.SerializeToUtf8Bytes(reported, UpdateJson.Default.ReportedOutcomes));

    /// <summary>The build installed in <paramref name="directory"/>; 0 when it has no build file (a developer's build).</summary>
    public static (long Build, string Version) BuildOf(string directory)
    {
        var path = Path.Combine(directory, BuildFileName);
        if (!File.Exists(path))
        {
            return (0, "");
        }

        var manifest = UpdateManifest.Parse(File.ReadAllBytes(path));
        return manifest is null ? (0, "") : (manifest.Build, manifest.Version);
    }

    private static T? Load<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), type);
        }
        catch (JsonException ex)
        {
            // Written atomically, so only a damaged disk gets here; an unreadable state must not stop the kiosk.
            throw new InvalidDataException($"{path} is not readable update state: {ex.Message}", ex);
        }
    }
}
