using System.Net;
using KioskAgent.Api.Refusals;
using KioskAgent.Api.Technicians;
using Microsoft.Extensions.Options;

namespace KioskAgent.Api;

/// <summary>
/// The checks every local API request passes before any gRPC handler reads it:
/// the <c>Host</c> of a TCP request must name the loopback interface (a page from another site
/// that rebinds its DNS name to 127.0.0.1 still sends its own name, so it is refused), and
/// technician methods answer only on the gRPC port and the Unix socket, never on the UI port that
/// the browser and every page in it can reach. Refusals are gRPC answers (<see cref="GrpcRefusal"/>),
/// so any gRPC or gRPC-Web client reads a status, not a broken response.
/// </summary>
public sealed partial class LocalApiGuard(RequestDelegate next, IOptions<LocalApiOptions> options, ILogger<LocalApiGuard> logger)
{
    private readonly int _uiPort = options.Value.UiPort;

    public Task InvokeAsync(HttpContext context)
    {
        // TLS comes only in on the provisioning listener, which has its own guard (client
        // certificates); the loopback API is never TLS.
        var tcp = context.Connection.LocalIpAddress is not null && !context.Request.IsHttps;
        if (tcp && !IsLoopbackHost(context.Request.Host.Host))
        {
            LogForeignHost(context.Connection.LocalPort);
            return GrpcRefusal.WriteAsync(context, Grpc.Core.StatusCode.PermissionDenied, RefusalReason.ForeignHost, "requests must name the kiosk's loopback address as Host", StatusCodes.Status400BadRequest);
        }

        if (tcp && context.Connection.LocalPort == _uiPort && context.GetEndpoint()?.Metadata.GetMetadata<RequiresTechnicianAttribute>() is not null)
        {
            LogTechnicianOnUiPort();
            return GrpcRefusal.WriteAsync(context, Grpc.Core.StatusCode.PermissionDenied, RefusalReason.WrongListener, "technician methods are served on the gRPC port, not the UI port", StatusCodes.Status403Forbidden);
        }

        return next(context);
    }

    /// <summary>localhost, 127.0.0.0/8 or ::1; the port does not matter here.</summary>
    public static bool IsLoopbackHost(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a local API request on port {Port}: its Host is not a loopback name")]
    private partial void LogForeignHost(int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a technician method on the UI port")]
    private partial void LogTechnicianOnUiPort();
}
