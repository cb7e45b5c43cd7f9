using KioskAgent.Hosting;

namespace KioskAgent.Provisioning;

/// <summary>
/// Where provisioning keeps its files (<c>provisioning/</c> in the data directory, mode 0700) and
/// how it writes them: as <see cref="RemoteConfig.RemoteConfigFile"/> does (temporary file, fsync,
/// rename), created readable by the agent's user only, since they hold keys and credentials.
/// </summary>
public static class ProvisioningFiles
{
    public const string DirectoryName = "provisioning";

    public static string Directory(KioskOptions kiosk) => Path.Combine(kiosk.ResolvedDataDirectory, DirectoryName);

    public static string EnsureDirectory(KioskOptions kiosk)
    {
        var path = Directory(kiosk);
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(path);
        }
        else
        {
            System.IO.Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    /// <summary>Replaces <paramref name="path"/> with <paramref name="bytes"/> atomically; the file is mode 0600.</summary>
    public static void WriteAtomic(string path, ReadOnlySpan<byte> bytes)
    {
        var temporary = path + ".tmp";
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
