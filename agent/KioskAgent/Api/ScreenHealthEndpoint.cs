using KioskAgent.Hardware.Devices;
using KioskAgent.Devices.Health;
using KioskAgent.Screen;

namespace KioskAgent.Api;

/// <summary>
/// The screen device's health as one line of plain text, on loopback, for the browser's watcher
/// (<c>kiosk-screen watch</c>, a shell loop with curl): <c>200 ok</c> while the page beats;
/// <c>503 fault: no heartbeat for N s</c> once it stopped; <c>503 absent</c> while no page has beaten
/// since the agent started. The same state as in <c>kioskctl devices</c> and the MQTT health report.
/// </summary>
public static class ScreenHealthEndpoint
{
    public const string Path = "/screen/health";

    public static IEndpointRouteBuilder MapScreenHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (DeviceHealthRegistry health) =>
        {
            var screen = health.Get(ScreenHeartbeat.DeviceId);
            var text = screen is null ? "absent" : screen.State == DeviceState.Ok ? "ok" : $"{screen.State.ToString().ToLowerInvariant()}: {screen.Reason}";
            return Results.Text(text + "\n", "text/plain", statusCode: screen?.State == DeviceState.Ok ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }
}
