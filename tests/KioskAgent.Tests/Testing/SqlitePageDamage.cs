using System.Buffers.Binary;

namespace KioskAgent.Tests.Testing;

/// <summary>
/// Damages a SQLite file as a failing disk or a torn write would: garbage over whole pages or the
/// start of pages (a B-tree page's header is in its first bytes, https://sqlite.org/fileformat.html,
/// section 1.6), never page 1 (the file header: damaging it makes the file "not a database", a case
/// of its own). Deterministic garbage, so a failure can be replayed.
/// </summary>
public static class SqlitePageDamage
{
    /// <summary>
    /// <paramref name="count"/> runs of <paramref name="bytes"/> bytes of garbage, each at the start of
    /// a page in the middle of the file (spread over 40–60 % of it). Returns the offsets written.
    /// </summary>
    public static IReadOnlyList<long> OverwriteMiddle(string path, int count = 3, int bytes = 2048, int seed = 11)
    {
        var pageSize = PageSize(path);
        var pages = new FileInfo(path).Length / pageSize;
        if (pages < count + 2)
        {
            throw new InvalidOperationException($"{path} has only {pages} pages, too few to damage {count} in its middle.");
        }

        var offsets = Enumerable.Range(0, count)
            .Select(i => Math.Max(1, (long)(pages * (0.4 + (0.2 * i / Math.Max(1, count - 1))))) * pageSize)
            .Distinct()
            .ToList();
        Write(path, offsets, bytes, seed);
        return offsets;
    }

    /// <summary>Garbage over every whole page from <paramref name="from"/> to <paramref name="to"/> of the file (fractions). Returns how many pages.</summary>
    public static int OverwritePages(string path, double from, double to, int seed = 11)
    {
        var pageSize = PageSize(path);
        var pages = new FileInfo(path).Length / pageSize;
        var offsets = new List<long>();
        for (var page = Math.Max(1, (long)(pages * from)); page < (long)(pages * to); page++)
        {
            offsets.Add(page * pageSize);
        }

        Write(path, offsets, pageSize, seed);
        return offsets.Count;
    }

    /// <summary>The page size in the file header (offset 16, big-endian; 1 means 65,536).</summary>
    public static int PageSize(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        Span<byte> header = stackalloc byte[18];
        stream.ReadExactly(header);
        var size = BinaryPrimitives.ReadUInt16BigEndian(header[16..]);
        return size == 1 ? 65_536 : size;
    }

    private static void Write(string path, IEnumerable<long> offsets, int bytes, int seed)
    {
        var random = new Random(seed);
        var garbage = new byte[bytes];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        foreach (var offset in offsets)
        {
            random.NextBytes(garbage);
            stream.Position = offset;
            stream.Write(garbage);
        }

        stream.Flush(flushToDisk: true);
    }
}
