using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KioskAgent.Identity;

/// <summary>
/// "Are cards identified in a way that cannot be cloned?" as a health check of its own: unhealthy
/// while identity is UID-only. The gRPC health protocol has no "degraded", so the agent serves this
/// under its own service name (<see cref="ServiceName"/>: NOT_SERVING while UID-only) and keeps it
/// out of the overall status, which a UID-only kiosk still deserves to be SERVING for.
/// </summary>
public sealed class SecureCardIdentityHealthCheck(CardIdentityResolver resolver) : IHealthCheck
{
    public const string Name = "card_identity_secure";
    public const string ServiceName = "kiosk.v1.CardIdentity.Secure";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(resolver.Mode == CardIdentityMode.UidOnly
            ? HealthCheckResult.Unhealthy("card identity is UID-only: cards can be cloned")
            : HealthCheckResult.Healthy($"card identity: {resolver.Mode}"));
}
