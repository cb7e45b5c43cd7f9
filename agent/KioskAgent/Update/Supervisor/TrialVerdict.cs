namespace KioskAgent.Update.Supervisor;

/// <summary>How a trial ended: passed, or failed with a reason (no_ready, watchdog, self_test, central, screen, exited, no_self_check) and detail.</summary>
public sealed record TrialVerdict(bool Passed, string Reason = "", string Detail = "")
{
    public static TrialVerdict Pass { get; } = new(true);

    public static TrialVerdict Fail(string reason, string detail) => new(false, reason, detail);
}
