using KioskAgent.Contracts.V1;
using KioskAgent.Hosting;
using KioskAgent.Journal;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Benchmarks.OutboxDrain;

/// <summary>
/// A journal holding N committed card taps that central has not acknowledged: written once through
/// the agent's own <see cref="TransactionJournal"/>, copied into a fresh data directory per run.
/// </summary>
public sealed class QueuedJournal
{
    private readonly string _template;

    private QueuedJournal(string template, IReadOnlyList<string> payloads)
    {
        _template = template;
        Payloads = payloads;
    }

    /// <summary>The JSON of every queued transaction, in sequence order.</summary>
    public IReadOnlyList<string> Payloads { get; }

    public static async Task<QueuedJournal> CreateAsync(string siteId, string kioskId, int count)
    {
        var directory = TestPaths.NewTempDirectory("outbox-bench-template");
        using var journal = new TransactionJournal(Path.Combine(directory, TransactionJournal.FileName), new KioskOptions { SiteId = siteId, KioskId = kioskId });
        var at = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var tap = new CardTap { ReaderId = "member-1", CardUid = $"04A1B2C3{i:X6}", MemberNumber = $"8{i:D7}", Accepted = i % 10 != 0, RefusalReason = i % 10 == 0 ? "card_unknown" : "" };
            await journal.AppendAsync(new Transaction { CardTap = tap }, "card_tap", at.AddMilliseconds(i));
        }

        var payloads = (await journal.PendingAsync(count)).Select(e => e.Payload).ToList();
        return new QueuedJournal(directory, payloads);
    }

    /// <summary>A fresh data directory holding a copy of the queued journal.</summary>
    public string CopyToNewDataDirectory()
    {
        var directory = TestPaths.NewTempDirectory("outbox-bench-data");
        File.Copy(Path.Combine(_template, TransactionJournal.FileName), Path.Combine(directory, TransactionJournal.FileName));
        return directory;
    }
}
