using System.Globalization;
using System.Net;

namespace KioskAgent.Tests.Testing;

/// <summary>
/// The TCP endpoints a process listens on, read the way <c>ss -ltnp</c> does: the listening sockets
/// of the process's network namespace (<c>/proc/PID/net/tcp</c> and <c>tcp6</c>) that the process
/// holds a descriptor of (<c>/proc/PID/fd</c> → <c>socket:[inode]</c>).
/// </summary>
public static class ListeningSockets
{
    private const string Listen = "0A";

    public static IReadOnlyList<IPEndPoint> Of(int pid)
    {
        var inodes = OwnedSocketInodes(pid);
        return
        [
            .. Read($"/proc/{pid}/net/tcp", inodes),
            .. Read($"/proc/{pid}/net/tcp6", inodes),
        ];
    }

    private static HashSet<string> OwnedSocketInodes(int pid)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
        {
            var target = new FileInfo(fd).LinkTarget;
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
            {
                inodes.Add(target["socket:[".Length..^1]);
            }
        }

        return inodes;
    }

    private static IEnumerable<IPEndPoint> Read(string table, HashSet<string> inodes)
    {
        if (!File.Exists(table))
        {
            yield break;
        }

        foreach (var line in File.ReadLines(table).Skip(1))
        {
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 9 && fields[3] == Listen && inodes.Contains(fields[9]))
            {
                yield return Parse(fields[1]);
            }
        }
    }

    /// <summary>"0100007F:1F90": the address as the kernel's 32-bit words in host (little-endian) order, the port big-endian.</summary>
    private static IPEndPoint Parse(string hex)
    {
        var parts = hex.Split(':');
        var words = Convert.FromHexString(parts[0]);
        for (var i = 0; i < words.Length; i += 4)
        {
            Array.Reverse(words, i, 4);
        }

        return new IPEndPoint(new IPAddress(words), int.Parse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }
}
