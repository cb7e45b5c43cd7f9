namespace KioskAgent.Storage;

/// <summary>
/// A named place where the power-loss tests kill the agent: when <c>KIOSK_TEST_CRASH_POINT</c> names
/// it, the agent says so on standard error, syncs what it wrote so far, and waits there for the
/// test's kill -9 (for at most a minute, then it carries on). Unset on a kiosk, it costs one
/// environment lookup.
/// </summary>
public static class CrashPoint
{
    public const string Variable = "KIOSK_TEST_CRASH_POINT";

    public static void Reached(string name, FileStream? partial = null)
    {
        if (!string.Equals(Environment.GetEnvironmentVariable(Variable), name, StringComparison.Ordinal))
        {
            return;
        }

        partial?.Flush(flushToDisk: true);
        Console.Error.WriteLine($"kiosk-agent: crash point {name} reached; waiting to be killed");
        Console.Error.Flush();
        Thread.Sleep(TimeSpan.FromMinutes(1));
    }
}
