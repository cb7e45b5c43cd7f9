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
        // A plain RequestDelegate: a lambda with parameters would go through ASP.NET Core's request
        // delegate factory, which compiles expression trees on the first request (System.Linq.Expressions
        // loaded and JIT'd: megabytes of resident memory for one line of text).
        app.MapGet(Path, static context =>
        {
            var screen = context.RequestServices.GetRequiredService<DeviceHealthRegistry>().Get(ScreenHeartbeat.DeviceId);
            var text = screen is null ? "absent" : screen.State == DeviceState.Ok ? "ok" : $"{screen.State.ToString().ToLowerInvariant()}: {screen.Reason}";
            context.Response.StatusCode = screen?.State == DeviceState.Ok ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync(text + "\n");
        });
        return app;
    }
}
