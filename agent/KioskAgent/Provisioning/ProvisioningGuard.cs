using Grpc.AspNetCore.Server;
using KioskAgent.Api;
using KioskAgent.Api.Refusals;
using Microsoft.Extensions.Options;

namespace KioskAgent.Provisioning;

/// <summary>
/// Decides, before any handler reads a request, what the provisioning listener serves: with a
/// client certificate this kiosk issued (checked again here: still enrolled), the Provisioning
/// service, health and reflection; without one only Enroll, and only while enrollment is open.
/// On every other port the Provisioning service is refused: it is never reachable on loopback.
/// Refusals are logged and counted, not journaled (see <see cref="ProvisioningAuditTrail"/>).
/// </summary>
public sealed partial class ProvisioningGuard(
    RequestDelegate next,
    IOptions<ProvisioningOptions> options,
    TechnicianCertificates certificates,
    EnrollmentCodes codes,
    ILogger<ProvisioningGuard> logger)
{
    public const string ServiceName = "kiosk.v1.Provisioning";

    /// <summary>The technician's update service (Update/), guarded exactly like the Provisioning service.</summary>
    public const string UpdateServiceName = "kiosk.v1.AgentUpdateService";
    private const string TechnicianItem = "kiosk.provisioning.technician";
    private const string ListenerItem = "kiosk.provisioning.listener";
    private static readonly string[] AlsoServed = ["grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection", "grpc.reflection.v1.ServerReflection"];
    private long _refused;

    /// <summary>Requests refused since start.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>The enrolled technician who made this request (set for provisioning calls with a certificate).</summary>
    public static TechnicianRecord? Technician(HttpContext context) => context.Items[TechnicianItem] as TechnicianRecord;

    /// <summary>True for a request that came in on the provisioning listener (the local API's Host rule does not apply there).</summary>
    public static bool IsListenerRequest(HttpContext context) => context.Items.ContainsKey(ListenerItem);

    public Task InvokeAsync(HttpContext context)
    {
        var method = context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method;
        var isProvisioning = method?.ServiceName is ServiceName or UpdateServiceName;
        var onListener = options.Value.Enabled && context.Request.IsHttps && context.Connection.LocalPort == options.Value.Port;
        if (!onListener)
        {
            return isProvisioning
                ? Refuse(context, Grpc.Core.StatusCode.PermissionDenied, RefusalReason.WrongListener, "the provisioning API is served only on the provisioning listener (TLS, Provisioning:Port)", "on a local port")
                : next(context);
        }

        context.Items[ListenerItem] = true;
        var technician = certificates.Verify(context.Connection.ClientCertificate);
        if (technician is null)
        {
            if (isProvisioning && method!.Name == "Enroll" && codes.IsOpen)
            {
                return next(context);
            }

            return Refuse(
                context,
                Grpc.Core.StatusCode.Unauthenticated,
                RefusalReason.NotEnrolled,
                context.Connection.ClientCertificate is null
                    ? "a client certificate from this kiosk is required: enroll first (kioskctl enroll)"
                    : "this client certificate was not issued by this kiosk or is no longer enrolled",
                "no valid client certificate");
        }

        if (!isProvisioning && !AlsoServed.Contains(method?.ServiceName))
        {
            return Refuse(context, Grpc.Core.StatusCode.PermissionDenied, RefusalReason.WrongListener, "only the Provisioning service, health and reflection are served on this listener", "not a provisioning method");
        }

        context.Items[TechnicianItem] = technician;
        return next(context);
    }

    private Task Refuse(HttpContext context, Grpc.Core.StatusCode status, string reason, string message, string why)
    {
        var total = Interlocked.Increment(ref _refused);
        LogRefused(context.Request.Path.Value?.Length > 100 ? context.Request.Path.Value[..100] : context.Request.Path.Value ?? "", why, context.Connection.RemoteIpAddress?.ToString() ?? "", total);
        return GrpcRefusal.WriteAsync(context, status, reason, message, status == Grpc.Core.StatusCode.Unauthenticated ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused provisioning request {Path}: {Why} (from {Remote}; {Total} refused since start)")]
    private partial void LogRefused(string path, string why, string remote, long total);
}
