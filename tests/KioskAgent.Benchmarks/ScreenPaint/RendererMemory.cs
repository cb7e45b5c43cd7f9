namespace KioskAgent.Benchmarks.ScreenPaint;

/// <summary>A renderer's resident set from /proc/PID/status, in bytes: VmRSS = RssAnon + RssFile + RssShmem.</summary>
public sealed record RendererMemory(long Rss, long Anon, long File, long Shmem, int Renderers);
