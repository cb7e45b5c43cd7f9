using System.Runtime.InteropServices;

namespace KioskAgent.Storage;

/// <summary>The few libc calls .NET does not expose: fsync on a directory, rename(2) of a symlink and flock(2).</summary>
internal static partial class Native
{
    /// <summary>O_RDONLY: the same on every Linux architecture (unlike O_DIRECTORY, which is not needed to open a directory).</summary>
    public const int ReadOnly = 0;

    /// <summary>O_RDWR | O_CREAT: the same values on x86-64, arm and arm64 (asm-generic/fcntl.h).</summary>
    public const int ReadWriteCreate = 2 | 0x40;

    /// <summary>LOCK_EX | LOCK_NB from sys/file.h.</summary>
    public const int ExclusiveNoWait = 2 | 4;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    public static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    /// <summary>rename(2) itself: File.Move looks through a symlink at its target, rename(2) moves the link.</summary>
    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Rename(string from, string to);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fd, int operation);
}
