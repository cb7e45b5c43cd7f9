namespace KioskAgent.Central.Fleet;

/// <summary>
/// A device a kiosk reports as not fully working: a fault (present but not working, e.g. a printer
/// with paper_end), absent (expected but unplugged), or degraded (working, a person should look).
/// </summary>
public sealed record DeviceProblem(string DeviceId, string Kind, DeviceProblemLevel Level, string Reason)
{
    /// <summary>"receipt-printer paper_end", "member-1 absent", "receipt-printer paper_near_end (degraded)".</summary>
    public override string ToString()
    {
        var reason = Reason.Length > 0 ? Reason : Level.ToString().ToLowerInvariant();
        return Level == DeviceProblemLevel.Degraded ? $"{DeviceId} {reason} (degraded)" : $"{DeviceId} {reason}";
    }
}
