using KioskAgent.Central.Fleet.Load;

namespace Kioskctl.Fleet.Simulation;

/// <summary>Counters of a simulation run, updated by every simulated kiosk at once.</summary>
public sealed class LoadStats
{
    private long _connected;
    private long _everConnected;
    private long _connectFailures;
    private long _disconnects;
    private long _transactions;
    private long _publishes;
    private long _resends;
    private long _acked;
    private long _redundantAcks;
    private long _backlog;
    private long _healthReports;
    private long _commandsAnswered;
    private long _malformedInbound;
    private long _loopFailures;

    public LatencyDigest AckLatency { get; } = new();

    public BacklogTrend Backlog { get; } = new();

    public long Connected => Interlocked.Read(ref _connected);

    public long EverConnected => Interlocked.Read(ref _everConnected);

    public long ConnectFailures => Interlocked.Read(ref _connectFailures);

    public long Disconnects => Interlocked.Read(ref _disconnects);

    public long Transactions => Interlocked.Read(ref _transactions);

    public long Publishes => Interlocked.Read(ref _publishes);

    public long Resends => Interlocked.Read(ref _resends);

    public long Acked => Interlocked.Read(ref _acked);

    public long RedundantAcks => Interlocked.Read(ref _redundantAcks);

    public long Unacked => Interlocked.Read(ref _backlog);

    public long HealthReports => Interlocked.Read(ref _healthReports);

    public long CommandsAnswered => Interlocked.Read(ref _commandsAnswered);

    public long MalformedInbound => Interlocked.Read(ref _malformedInbound);

    /// <summary>Publishes that failed (session lost, timeout); the outbox resends them.</summary>
    public long LoopFailures => Interlocked.Read(ref _loopFailures);

    public void Connect(bool first)
    {
        Interlocked.Increment(ref _connected);
        if (first)
        {
            Interlocked.Increment(ref _everConnected);
        }
    }

    public void Disconnect()
    {
        Interlocked.Decrement(ref _connected);
        Interlocked.Increment(ref _disconnects);
    }

    public void Closed() => Interlocked.Decrement(ref _connected);

    /// <summary>Why the latest connect attempt failed, for the report.</summary>
    public string? LastConnectError { get; private set; }

    public void ConnectFailed(string error)
    {
        Interlocked.Increment(ref _connectFailures);
        LastConnectError = error;
    }

    public void Created()
    {
        Interlocked.Increment(ref _transactions);
        Interlocked.Increment(ref _backlog);
    }

    public void Published(bool resend)
    {
        Interlocked.Increment(ref _publishes);
        if (resend)
        {
            Interlocked.Increment(ref _resends);
        }
    }

    public void Settled(IReadOnlyList<TimeSpan> latencies)
    {
        if (latencies.Count == 0)
        {
            Interlocked.Increment(ref _redundantAcks);
            return;
        }

        Interlocked.Add(ref _acked, latencies.Count);
        Interlocked.Add(ref _backlog, -latencies.Count);
        AckLatency.AddRange(latencies);
    }

    public void HealthReported() => Interlocked.Increment(ref _healthReports);

    public void CommandAnswered() => Interlocked.Increment(ref _commandsAnswered);

    public void MalformedReceived() => Interlocked.Increment(ref _malformedInbound);

    /// <summary>Why the latest publish failed, for the report.</summary>
    public string? LastLoopError { get; private set; }

    public void LoopFailed(string error)
    {
        Interlocked.Increment(ref _loopFailures);
        LastLoopError = error;
    }
}
