using System.Collections.Concurrent;
using KioskAgent.Contracts.V1;
using KioskAgent.Journal;

namespace KioskAgent.CentralLink;

/// <summary>
/// Central's rejections in the health report, by kind and reason:
/// <c>outbox.rejected.{kind}.{reason}</c> (a rejected redemption, or a transaction central could
/// not take as this kiosk's: <c>invalid_transaction</c>). Reasons come from central, so only plain
/// tokens become counter names, and at most <see cref="MaxNames"/> of them; the rest count as
/// <c>other</c>. A rejection asks for a health report at once.
/// </summary>
public sealed partial class SettlementCounters : IHealthReportContributor
{
    public const int MaxNames = 64;

    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly HealthReportTrigger _report;
    private readonly ILogger<SettlementCounters> _logger;

    public SettlementCounters(TransactionJournal journal, HealthReportTrigger report, ILogger<SettlementCounters> logger)
    {
        _report = report;
        _logger = logger;
        journal.Settled += OnSettled;
    }

    public long Get(string kind, string reason) => _counts.GetValueOrDefault($"outbox.rejected.{kind}.{reason}");

    public void Contribute(HealthReport report)
    {
        foreach (var (name, value) in _counts)
        {
            report.Counters[name] = value;
        }
    }

    private void OnSettled(IReadOnlyList<TransactionSettlement> settled)
    {
        var rejections = settled.Where(s => s.Outcome == TransactionOutcome.Rejected).ToList();
        foreach (var rejected in rejections)
        {
            var name = $"outbox.rejected.{Token(rejected.Kind)}.{Token(rejected.Reason)}";
            if (!_counts.ContainsKey(name) && _counts.Count >= MaxNames)
            {
                name = "outbox.rejected.other";
            }

            _counts.AddOrUpdate(name, 1, (_, n) => n + 1);
            LogRejected(rejected.Kind, rejected.Sequence, Token(rejected.Reason));
        }

        // Central refusing what the kiosk recorded is worth telling ops now, not a period later.
        if (rejections.Count > 0)
        {
            _report.Request();
        }
    }

    private static string Token(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? value : "other";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Central rejected {Kind} transaction #{Sequence}: {Reason}")]
    private partial void LogRejected(string kind, long sequence, string reason);
}
