using KioskAgent.Hardware.Devices;
using KioskAgent.Hardware.Printer.Status;

namespace KioskAgent.Hardware.Printer.Queue;

/// <summary>
/// Prints jobs in order. While the printer reports paper end, cover open, offline, or cannot be
/// reached, jobs are held and printed once it recovers; a job held longer than
/// <see cref="PrintQueueOptions.HoldTimeout"/> fails with the reason. <see cref="RunAsync"/> never
/// throws: every failure becomes health or a job result.
/// </summary>
public sealed class PrintQueue
{
    private readonly EscPosPrinter _printer;
    private readonly PrintQueueOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private readonly List<PendingPrintJob> _pending = [];
    private readonly SemaphoreSlim _wake = new(0);
    private DeviceHealth _health = PrinterHealth.Unknown;
    private PrinterStatus? _lastStatus;
    private bool _stopped;

    public PrintQueue(EscPosPrinter printer, PrintQueueOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(printer);
        _printer = printer;
        _options = options ?? new PrintQueueOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Raised (on the queue's loop) when the state or reason changed.</summary>
    public event Action<DeviceHealth>? HealthChanged;

    public DeviceHealth Health
    {
        get
        {
            lock (_gate)
            {
                return _health;
            }
        }
    }

    public PrintQueueSnapshot Snapshot
    {
        get
        {
            lock (_gate)
            {
                return new PrintQueueSnapshot(_health, _lastStatus, _pending.Count, _pending.Count > 0 ? _pending[0].SubmittedAt : null);
            }
        }
    }

    /// <summary>Queues a job; the task completes when it printed or failed (it never faults).</summary>
    public Task<PrintJobResult> Submit(string jobId, ReadOnlyMemory<byte> data)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        var job = new PendingPrintJob(jobId, data.ToArray(), _timeProvider.GetUtcNow());
        lock (_gate)
        {
            if (_stopped || _pending.Count >= _options.Capacity)
            {
                Complete(job, false, _stopped ? PrinterReasons.Stopped : PrinterReasons.QueueFull);
                return job.Completion.Task;
            }

            _pending.Add(job);
        }

        _wake.Release();
        return job.Completion.Task;
    }

    /// <summary>The queue's loop; returns when <paramref name="stoppingToken"/> is cancelled, failing what is left.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await SafePassAsync(stoppingToken).ConfigureAwait(false);
                await WaitForWorkAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            FailAll(PrinterReasons.Stopped);
        }
    }

    private async Task SafePassAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PassAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug or an unexpected transport exception: report it and try again next poll.
            SetHealth(new DeviceHealth(DeviceState.Fault, PrinterReasons.PrinterError, ex.Message), null);
        }
    }

    /// <summary>Checks the printer, fails overdue jobs, and prints while the printer is ready.</summary>
    private async Task PassAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var health = await CheckPrinterAsync(cancellationToken).ConfigureAwait(false);
            FailOverdue(health);
            if (health.State is not (DeviceState.Ok or DeviceState.Degraded) || Peek() is not { } job)
            {
                return;
            }

            if (!await TryPrintAsync(job, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private async Task<DeviceHealth> CheckPrinterAsync(CancellationToken cancellationToken)
    {
        try
        {
            var status = await _printer.QueryStatusAsync(cancellationToken).ConfigureAwait(false);
            return SetHealth(status.ToHealth(), status);
        }
        catch (PrinterCommunicationException ex)
        {
            return SetHealth(ex.ToHealth(), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return SetHealth(new DeviceHealth(DeviceState.Fault, PrinterReasons.PrinterError, ex.Message), null);
        }
    }

    private async Task<bool> TryPrintAsync(PendingPrintJob job, CancellationToken cancellationToken)
    {
        try
        {
            await _printer.PrintAsync(job.Data, cancellationToken).ConfigureAwait(false);
        }
        catch (PrinterCommunicationException ex)
        {
            SetHealth(ex.ToHealth(), null);
            return false; // the job stays first in line and is sent again after recovery
        }

        lock (_gate)
        {
            _pending.Remove(job);
        }

        Complete(job, true, PrinterReasons.Ok);
        return true;
    }

    private void FailOverdue(DeviceHealth health)
    {
        var now = _timeProvider.GetUtcNow();
        List<PendingPrintJob> overdue;
        lock (_gate)
        {
            overdue = _pending.Where(j => now - j.SubmittedAt >= _options.HoldTimeout).ToList();
            _pending.RemoveAll(overdue.Contains);
        }

        foreach (var job in overdue)
        {
            Complete(job, false, health.State is DeviceState.Ok or DeviceState.Degraded ? PrinterReasons.WriteFailed : health.Reason);
        }
    }

    private async Task WaitForWorkAsync(CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var poll = Task.Delay(_options.PollInterval, _timeProvider, wait.Token);
        var wake = _wake.WaitAsync(wait.Token);
        await Task.WhenAny(poll, wake).ConfigureAwait(false);
        await wait.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private PendingPrintJob? Peek()
    {
        lock (_gate)
        {
            return _pending.Count > 0 ? _pending[0] : null;
        }
    }

    private DeviceHealth SetHealth(DeviceHealth health, PrinterStatus? status)
    {
        bool changed;
        lock (_gate)
        {
            changed = health.State != _health.State || health.Reason != _health.Reason;
            _health = health;
            _lastStatus = status ?? _lastStatus;
        }

        if (changed)
        {
            RaiseHealthChanged(health);
        }

        return health;
    }

    private void RaiseHealthChanged(DeviceHealth health)
    {
        try
        {
            HealthChanged?.Invoke(health);
        }
        catch (Exception)
        {
            // A subscriber's bug must not stop the printing loop.
        }
    }

    private void FailAll(string reason)
    {
        List<PendingPrintJob> left;
        lock (_gate)
        {
            _stopped = true;
            left = [.. _pending];
            _pending.Clear();
        }

        left.ForEach(job => Complete(job, false, reason));
    }

    private void Complete(PendingPrintJob job, bool printed, string reason) =>
        job.Completion.TrySetResult(new PrintJobResult(job.JobId, printed, reason, _timeProvider.GetUtcNow()));
}
