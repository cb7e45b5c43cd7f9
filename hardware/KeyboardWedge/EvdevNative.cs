using System.Runtime.InteropServices;

namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>The few libc calls an event node needs. Constants from asm-generic (same on x64, arm64 and armhf).</summary>
internal static unsafe partial class EvdevNative
{
    public const int ORdOnly = 0x0;
    public const int ONonBlock = 0x800;
    public const int OCloExec = 0x80000;

    public const int EIntr = 4;
    public const int ENoEnt = 2;
    public const int EAgain = 11;

    public const short PollIn = 0x1;

    /// <summary>EVIOCGRAB = _IOW('E', 0x90, int): 1 takes the device exclusively, 0 releases it (linux/input.h).</summary>
    public const uint EvIocGrab = 0x40044590;

    /// <summary>EVIOCSCLOCKID = _IOW('E', 0xa0, int): which clock stamps the events (linux/input.h).</summary>
    public const uint EvIocSClockId = 0x400445A0;

    public const int ClockMonotonic = 1;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int IoctlInt(int fd, nuint request, int value);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }
}
