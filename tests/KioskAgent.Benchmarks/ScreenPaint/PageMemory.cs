namespace KioskAgent.Benchmarks.ScreenPaint;

/// <summary>
/// The page's memory after a garbage collection: JS heap (V8), DOM counters, and the largest
/// renderer's resident set; then that resident set again after a critical memory-pressure
/// notification (what Blink and V8 give back when asked is cache, not a leak).
/// </summary>
public sealed record PageMemory(double HeapUsedBytes, double HeapTotalBytes, int DomNodes, int JsEventListeners, long RendererRssBytes, int Renderers, long RendererRssAfterPressureBytes);
