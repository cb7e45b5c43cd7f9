namespace Kioskctl.Fleet.Simulation;

/// <summary>CPU used and peak RSS of one process over a run, sampled while it lasts.</summary>
public sealed class ProcessWatch(string name, int pid)
{
    private readonly ProcessUsage? _start = ProcessUsage.Read(pid);
    private ProcessUsage? _last;
    private long _peakRss;

    public string Name { get; } = name;

    public int Pid { get; } = pid;

    public bool Found => _start is not null;

    public void Sample()
    {
        if (ProcessUsage.Read(Pid) is { } usage)
        {
            _last = usage;
            _peakRss = Math.Max(_peakRss, usage.RssBytes);
        }
    }

    /// <summary>"mosquitto (pid 123): CPU 4.2 s = 7 % of one core, peak RSS 18 MB".</summary>
    public string Format(TimeSpan elapsed)
    {
        if (_start is null || _last is null)
        {
            return $"{Name} (pid {Pid}): not found";
        }

        var cpu = _last.Cpu - _start.Cpu;
        var share = elapsed > TimeSpan.Zero ? cpu / elapsed * 100 : 0;
        return $"{Name} (pid {Pid}): CPU {cpu.TotalSeconds:0.0} s = {share:0.#} % of one core, peak RSS {_peakRss / (1024.0 * 1024):0} MB";
    }
}
