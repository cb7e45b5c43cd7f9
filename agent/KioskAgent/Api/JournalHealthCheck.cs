using KioskAgent.Journal;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KioskAgent.Api;

/// <summary>
/// The agent is healthy when its journal answers and commits: without it nothing can be recorded,
/// so a journal fault (disk full, I/O error) makes the agent unhealthy until a commit succeeds again,
/// and a damaged journal until a technician recovered it.
/// </summary>
public sealed class JournalHealthCheck(TransactionJournal journal) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (journal.Fault is { Reason: TransactionJournal.DamagedReason } damaged)
        {
            return HealthCheckResult.Unhealthy($"journal damaged since {damaged.Since:O}: taps are refused until a technician recovers it");
        }

        if (journal.Fault is { } fault)
        {
            return HealthCheckResult.Unhealthy($"journal cannot commit: {fault.Reason} since {fault.Since:O}");
        }

        try
        {
            var pending = await journal.PendingCountAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"outbox pending: {pending}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("journal unavailable", ex);
        }
    }
}
