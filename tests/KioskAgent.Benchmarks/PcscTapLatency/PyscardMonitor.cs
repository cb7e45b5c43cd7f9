using System.Diagnostics;
using System.Globalization;

namespace KioskAgent.Benchmarks.PcscTapLatency;

/// <summary>
/// The independent PC/SC client (pyscard_monitor.py) as a child process: its insert/remove
/// notifications, stamped with Python's time.monotonic_ns() (CLOCK_MONOTONIC, as Stopwatch on Linux).
/// </summary>
public sealed class PyscardMonitor : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";

    private readonly Process _process;
    private readonly List<long> _inserts = [];
    private readonly List<long> _removes = [];
    private readonly List<long> _uids = [];
    private readonly Pulse _pulse;
    private readonly List<string> _errors = [];
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int _disposed;

    private PyscardMonitor(Process process, Pulse pulse)
    {
        _process = process;
        _pulse = pulse;
    }

    public Task<string> Ready => _ready.Task;

    public int InsertCount => Count(_inserts);

    public int RemoveCount => Count(_removes);

    public int UidCount => Count(_uids);

    /// <param name="readUid">Also connect and read the UID (FF CA) on every insert, as our reader does.</param>
    public static PyscardMonitor Start(string reader, TimeSpan maxDuration, bool readUid, Pulse pulse)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "PcscTapLatency", "pyscard_monitor.py");
        var start = new ProcessStartInfo(Python, [script, reader, maxDuration.TotalSeconds.ToString(CultureInfo.InvariantCulture), readUid ? "--read-uid" : "--presence"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python}.");
        var monitor = new PyscardMonitor(process, pulse);
        process.OutputDataReceived += (_, e) => monitor.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => monitor.OnErrorLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return monitor;
    }

    public long InsertAt(int index) => At(_inserts, index);

    public long RemoveAt(int index) => At(_removes, index);

    public long UidAt(int index) => At(_uids, index);

    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return string.Join('\n', _errors);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            _ready.TrySetException(new InvalidOperationException($"pyscard_monitor.py ended before it was ready: {Errors}"));
            return;
        }

        var parts = line.Split(' ', 3);
        switch (parts[0])
        {
            case "ready":
                _ready.TrySetResult(line);
                break;
            case "insert":
                Add(_inserts, long.Parse(parts[1], CultureInfo.InvariantCulture));
                break;
            case "remove":
                Add(_removes, long.Parse(parts[1], CultureInfo.InvariantCulture));
                break;
            case "uid" when parts.Length == 3 && parts[2] != "None":
                Add(_uids, long.Parse(parts[1], CultureInfo.InvariantCulture));
                break;
            default:
                OnErrorLine(line);
                _ready.TrySetException(new InvalidOperationException($"pyscard_monitor.py: {line}"));
                break;
        }
    }

    private void OnErrorLine(string? line)
    {
        if (line is not null)
        {
            lock (_errors)
            {
                _errors.Add(line);
            }
        }
    }

    private void Add(List<long> list, long value)
    {
        lock (list)
        {
            list.Add(value);
        }

        _pulse.Signal();
    }

    private static int Count(List<long> list)
    {
        lock (list)
        {
            return list.Count;
        }
    }

    private static long At(List<long> list, int index)
    {
        lock (list)
        {
            return list[index];
        }
    }
}
