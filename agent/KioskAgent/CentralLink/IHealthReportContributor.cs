using KioskAgent.Contracts.V1;

namespace KioskAgent.CentralLink;

/// <summary>
/// Adds a feature's part to the health report central sees (counters, a status block). Each
/// feature registers its own contributor in DI; <see cref="HealthTelemetryPublisher"/> asks all of
/// them for every report. A contributor must be quick and must not throw.
/// </summary>
public interface IHealthReportContributor
{
    void Contribute(HealthReport report);
}
