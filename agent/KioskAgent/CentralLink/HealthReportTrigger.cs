namespace KioskAgent.CentralLink;

/// <summary>
/// Lets a feature ask for a health report soon (within about 200 ms) when something central
/// watches changed between periods, e.g. the member data version: central should not learn it up
/// to a whole telemetry period late. Reports are coalesced by <see cref="HealthTelemetryPublisher"/>.
/// </summary>
public sealed class HealthReportTrigger
{
    public event Action? Requested;

    public void Request() => Requested?.Invoke();
}
