using System.Text;

namespace KioskAgent.Storage;

/// <summary>
/// Writes a state or configuration file so that a power cut or kill -9 leaves the old content or
/// the new, never a mix: the bytes go to a temporary file beside it, which is fsynced, renamed over
/// the old one (rename(2) is atomic within a file system), and then the directory is fsynced so the
/// rename itself is on disk (ext4 and f2fs on SD cards may otherwise forget it).
/// A leftover temporary file from an interrupted write is simply overwritten by the next one.
/// </summary>
public static class AtomicFile
{
    public const string TemporarySuffix = ".tmp";

    public static void WriteAllText(string path, string contents, UnixFileMode? mode = null) =>
        WriteAllBytes(path, Encoding.UTF8.GetBytes(contents), mode);

    /// <summary>
    /// Replaces <paramref name="path"/> with <paramref name="contents"/>; <paramref name="mode"/> applies
    /// from creation on (a secret is never readable by others). With <paramref name="replace"/> false an
    /// existing file stays and <see cref="IOException"/> is thrown.
    /// </summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> contents, UnixFileMode? mode = null, bool replace = true)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = full + TemporarySuffix;
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (mode is { } m && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = m;
        }

        using (var stream = new FileStream(temporary, options))
        {
            var half = contents.Length / 2;
            stream.Write(contents[..half]);
            CrashPoint.Reached($"atomic-write:{Path.GetFileName(full)}", stream);
            stream.Write(contents[half..]);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, full, overwrite: replace);
        SyncDirectory(directory);
    }

    /// <summary>fsync(2) on a directory: makes a rename or a new file in it durable.</summary>
    public static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fd = Native.Open(directory, Native.ReadOnly);
        if (fd < 0)
        {
            throw new IOException($"Could not open directory {directory} to sync it (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Native.Fsync(fd) != 0)
            {
                throw new IOException($"Could not sync directory {directory} (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Native.Close(fd);
        }
    }
}
