using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KioskAgent.Identity;

/// <summary>UID-only identity works but is clonable: health says so, so ops can see which sites are exposed.</summary>
public sealed class CardIdentityHealthCheck(CardIdentityResolver resolver) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(resolver.Mode == CardIdentityMode.UidOnly
            ? HealthCheckResult.Degraded("card identity is UID-only: cards can be cloned (weak)")
            : HealthCheckResult.Healthy($"card identity: {resolver.Mode}"));
}
