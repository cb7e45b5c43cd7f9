namespace KioskAgent.Journal;

/// <summary>How many transactions wait for central's ack, and when the oldest of them happened.</summary>
public sealed record OutboxStatus(long Pending, DateTimeOffset? OldestPendingAt)
{
    public TimeSpan OldestPendingAge(DateTimeOffset now) =>
        OldestPendingAt is { } at && now > at ? now - at : TimeSpan.Zero;
}
