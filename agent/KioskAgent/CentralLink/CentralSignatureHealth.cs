using KioskAgent.Contracts.V1;
using HealthReport = KioskAgent.Contracts.V1.HealthReport;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KioskAgent.CentralLink;

/// <summary>
/// Says in health when central's messages are not verified (<c>Central:Signatures=Off</c>): a
/// degraded entry <see cref="DeviceId"/> in the health report's devices and the counter
/// <c>central.signatures_off</c> = 1 for central, a degraded <c>central_signatures</c> check in gRPC
/// health for technicians. With signatures required the report carries nothing extra.
/// </summary>
public sealed class CentralSignatureHealth(CentralSignatures signatures, TimeProvider time) : IHealthReportContributor, IHealthCheck
{
    public const string DeviceId = "central-signatures";
    public const string OffCounter = "central.signatures_off";
    public const string OffReason = "signatures_off: messages from central are not verified";

    private readonly DateTimeOffset _since = time.GetUtcNow();

    public void Contribute(HealthReport report)
    {
        if (signatures.Mode != CentralSignatureMode.Off)
        {
            return;
        }

        report.Counters[OffCounter] = 1;
        report.Devices.Add(new DeviceStatus
        {
            DeviceId = DeviceId,
            Kind = "central_link",
            Driver = "ecdsa-p256",
            State = DeviceState.Degraded,
            Reason = OffReason,
            Since = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(_since),
        });
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(signatures.Mode == CentralSignatureMode.Off
            ? HealthCheckResult.Degraded(OffReason)
            : HealthCheckResult.Healthy($"central's messages verified ({signatures.KeyIds.Count} key(s))"));
}
