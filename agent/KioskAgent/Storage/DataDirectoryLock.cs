using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace KioskAgent.Storage;

/// <summary>
/// One agent per data directory: an exclusive flock(2) on <c>agent.lock</c> in it, held for the
/// process's life. Two agents on one journal would each hand out the same sequence numbers and
/// fight over the member cache's swap. The kernel drops the lock when the process dies (kill -9
/// included), so a stale lock file never blocks a restart. The file holds the holder's pid, for
/// the message the second agent prints. Opened through libc, not FileStream, whose own locking
/// (switched off by DOTNET_SYSTEM_IO_DISABLEFILELOCKING) would stop the second agent reading the pid.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = "agent.lock";

    private readonly FileStream _file;

    private DataDirectoryLock(FileStream file) => _file = file;

    /// <summary>Takes the lock, or returns null and the pid of the agent holding it (0 when unknown).</summary>
    public static DataDirectoryLock? TryAcquire(string dataDirectory, out int holderPid)
    {
        holderPid = 0;
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        var fd = Native.Open(path, Native.ReadWriteCreate, Convert.ToUInt32("644", 8));
        if (fd < 0)
        {
            throw new IOException($"Could not open the lock file {path} (errno {Marshal.GetLastPInvokeError()}).");
        }

        var file = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.ReadWrite, bufferSize: 0);
        if (Native.Flock(fd, Native.ExclusiveNoWait) != 0)
        {
            using (file)
            using (var reader = new StreamReader(file))
            {
                _ = int.TryParse(reader.ReadToEnd().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out holderPid);
            }

            return null;
        }

        file.SetLength(0);
        file.Write(System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n"));
        return new DataDirectoryLock(file);
    }

    public void Dispose() => _file.Dispose();
}
