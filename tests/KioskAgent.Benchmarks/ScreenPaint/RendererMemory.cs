namespace KioskAgent.Benchmarks.ScreenPaint;

/// <summary>
/// A renderer's resident set from /proc/PID/status, in bytes (VmRSS = RssAnon + RssFile + RssShmem), and
/// the CPU time it has used so far from /proc/PID/stat (user + system, seconds).
/// </summary>
public sealed record RendererMemory(long Rss, long Anon, long File, long Shmem, int Renderers, int Pid = 0, double CpuSeconds = 0);
