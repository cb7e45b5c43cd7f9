using System.Text.Json;
using System.Text.Json.Serialization;

namespace KioskAgent.Benchmarks.Budget;

/// <summary>
/// Where a benchmark leaves its key numbers for the budget table. The budget runner starts each
/// benchmark as its own process with <see cref="EnvironmentVariable"/> naming a file; each row is
/// one JSON line appended to it. Without the variable (a benchmark run by hand) nothing is written.
/// </summary>
public static class BudgetSink
{
    public const string EnvironmentVariable = "KIOSK_BENCH_SUMMARY";

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = false, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static void Record(BudgetRow row)
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is not { Length: > 0 } path)
        {
            return;
        }

        lock (Json)
        {
            File.AppendAllText(path, JsonSerializer.Serialize(row, Json) + "\n");
        }
    }

    public static IReadOnlyList<BudgetRow> Read(string path) =>
        File.Exists(path)
            ? File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<BudgetRow>(l, Json)!).ToList()
            : [];
}
