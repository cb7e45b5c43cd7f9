using KioskAgent.Journal;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KioskAgent.Api;

/// <summary>The agent is healthy when its journal answers: without it, nothing can be recorded.</summary>
public sealed class JournalHealthCheck(TransactionJournal journal) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
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
