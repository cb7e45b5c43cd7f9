using System.Diagnostics;
using System.Security.Cryptography;
using KioskAgent.Benchmarks.MemberCache;
using KioskAgent.Hosting;

namespace KioskAgent.Benchmarks.IdleCost;

/// <summary>
/// A data directory whose member cache holds N synthetic members, written through the path a
/// snapshot from central takes (<c>BeginSnapshot</c>, chunks of 2,000, <c>Commit</c>) with the
/// key from the directory's own kiosk secret, so an agent started on the directory opens it as its own.
/// </summary>
public sealed record SeededMemberCache(string DataDirectory, int Members, double ImportSeconds, double GenerateSeconds, long FileBytes)
{
    private const int Chunk = 2_000;

    public static SeededMemberCache Create(string dataDirectory, int members)
    {
        Directory.CreateDirectory(dataDirectory);
        var secret = RandomNumberGenerator.GetBytes(KioskSecret.GeneratedLength);
        var secretPath = Path.Combine(dataDirectory, KioskSecret.DefaultFileName);
        File.WriteAllBytes(secretPath, secret);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(secretPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        long generating = 0, importing = 0;
        using (var cache = new Members.MemberCache(dataDirectory, secret))
        using (var writer = cache.BeginSnapshot("budget-seed", 1))
        {
            for (var from = 0; from < members; from += Chunk)
            {
                var t0 = Stopwatch.GetTimestamp();
                var batch = SyntheticMembers.Chunk(from, Math.Min(Chunk, members - from));
                var t1 = Stopwatch.GetTimestamp();
                writer.Add(batch);
                importing += Stopwatch.GetTimestamp() - t1;
                generating += t1 - t0;
            }

            var t2 = Stopwatch.GetTimestamp();
            writer.Add(SyntheticMembers.LevelsAndGifts());
            writer.Commit(DateTimeOffset.UtcNow);
            importing += Stopwatch.GetTimestamp() - t2;
        }

        var bytes = Directory.GetFiles(dataDirectory, "members*").Sum(f => new FileInfo(f).Length);
        return new SeededMemberCache(dataDirectory, members, (double)importing / Stopwatch.Frequency, (double)generating / Stopwatch.Frequency, bytes);
    }
}
