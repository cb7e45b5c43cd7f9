namespace KioskAgent.Benchmarks.ScreenPaint;

/// <summary>The page's memory after a garbage collection: JS heap (V8), DOM counters, and the largest renderer's resident set.</summary>
public sealed record PageMemory(double HeapUsedBytes, double HeapTotalBytes, int DomNodes, int JsEventListeners, long RendererRssBytes, int Renderers);
