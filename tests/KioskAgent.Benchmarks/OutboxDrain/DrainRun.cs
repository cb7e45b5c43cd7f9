namespace KioskAgent.Benchmarks.OutboxDrain;

/// <summary>
/// One measured drain of <see cref="Transactions"/> transactions. <see cref="Seconds"/> is what the
/// rate is computed from, counted from the first transaction central received: for mosquitto_pub
/// until central received the last one (it has no acks to wait for), for the agent until central's
/// ack covered all of them. <see cref="Other"/> is, for mosquitto_pub, its process wall time (done
/// when the broker PUBACKed the last publish) and, for the agent, when its outbox was empty (polled
/// every 10 ms, from the first receipt). <see cref="LongestGapSeconds"/> is the longest time central
/// went without a message of the run; a run with a gap above the stall threshold is
/// <see cref="Stalled"/>: reported, never part of a median or ratio.
/// </summary>
public sealed record DrainRun(
    string Publisher,
    int Run,
    int Transactions,
    double Seconds,
    int Received,
    double Other,
    bool IsAgent,
    int Messages,
    int OutOfOrder,
    double LongestGapSeconds,
    bool Stalled)
{
    public double Rate => Transactions / Seconds;
}
