using KioskAgent.Hardware.Pcsc;

namespace KioskAgent.Benchmarks.PcscTapLatency;

/// <summary>What the report says about the run besides the samples.</summary>
public sealed record TapLatencyRun(TapLatencyOptions Options, long ClockSkewNs)
{
    public string PyscardClock { get; set; } = "?";

    public PcscReaderCounters? Counters { get; set; }

    public string? StoppedBy { get; init; }

    /// <summary>/proc/loadavg when the run started and ended: other work on the machine shows in the tails.</summary>
    public string LoadAtStart { get; init; } = ReadLoad();

    public string LoadAtEnd { get; set; } = "?";

    public static string ReadLoad()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
