namespace KioskAgent.Benchmarks.Budget;

/// <summary>
/// One benchmark of docs/benchmarks.md as the budget runs it: a command of this harness, or a
/// script, with its full arguments (what the docs' numbers come from) and the quick ones (a few
/// minutes, to see that it still runs and roughly where it is).
/// </summary>
public sealed record BudgetBenchmark(string Name, string[] Full, string[] Quick, string? Script = null)
{
    /// <summary>Every benchmark in docs/benchmarks.md, in the order the budget runs them.</summary>
    public static IReadOnlyList<BudgetBenchmark> All { get; } =
    [
        new("idle-cost", ["idle-cost"], ["idle-cost", "--quick"]),
        new("member-cache", ["member-cache", "--members", "1000000", "--runs", "3", "--engines", "sqlite,sqlite-plain"], ["member-cache", "--members", "50000", "--lookups", "20000", "--runs", "1", "--engines", "sqlite,sqlite-plain"]),
        new("outbox-drain", ["outbox-drain", "--transactions", "10000", "--runs", "5"], ["outbox-drain", "--transactions", "2000", "--runs", "1"]),
        new("hostile-flood", ["hostile-flood"], ["hostile-flood", "--messages", "10", "--message-bytes", "1000000", "--huge-bytes", "20000000", "--idle-seconds", "5", "--after-seconds", "5"]),
        new("qr-decode", ["qr-decode", "50", "2"], ["qr-decode", "10", "1"]),
        new("pn532-tap", ["pn532-tap", "--cycles", "200"], ["pn532-tap", "--cycles", "20"]),
        // Phase 1 only: the floor comparison the target is about (the full three phases take ~9 minutes).
        new("pcsc-tap", ["pcsc-tap", "--cycles", "200", "--phases", "together", "--lock-wait-seconds", "600"], ["pcsc-tap", "--cycles", "20", "--phases", "together", "--lock-wait-seconds", "30"]),
        new("screen-paint", ["screen-paint", "--taps", "200", "--changes", "10000", "--early", "100", "--wait-for", "agent"], ["screen-paint", "--taps", "20", "--changes", "300", "--early", "50", "--wait-for", "agent"]),
        // The renderer as a kiosk runs it (no DevTools client): its resident set after 10,000 changes against after 100.
        new("screen-memory", ["screen-paint", "--browser", "bare", "--changes", "10000", "--early", "100", "--reads", "5", "--settle", "30"], ["screen-paint", "--browser", "bare", "--changes", "300", "--early", "50", "--reads", "3", "--settle", "30"]),
        new("fleet-load", ["1000", "60s", "60", "2"], ["100", "20s", "60", "1"], Script: "FleetLoad/fleet-load.sh"),
    ];
}
