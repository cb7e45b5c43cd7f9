using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KioskAgent.Camera;

/// <summary>
/// gRPC health for the service name <see cref="ServiceName"/>: NOT_SERVING while a configured camera is faulted or
/// missing, so a probe can tell that QR codes are not being read. Card taps are unaffected, so the
/// agent's other services do not depend on this check.
/// </summary>
public sealed class CameraHealthCheck(CameraHealthReporter health, CameraDevice camera) : IHealthCheck
{
    public const string Name = "camera";

    /// <summary>The gRPC health service name that answers for the camera alone.</summary>
    public const string ServiceName = "kiosk.v1.Camera";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!camera.Options.Enabled
            ? HealthCheckResult.Healthy("no camera configured")
            : health.Current is { State: Hardware.Devices.DeviceState.Ok } ok
                ? HealthCheckResult.Healthy($"camera {ok.DeviceId}: {ok.Reason}")
                : HealthCheckResult.Unhealthy($"camera {camera.Options.Id}: {health.Current?.Reason ?? "not started"}"));
}
