using System.Net;
using Grpc.AspNetCore.Server;
using KioskAgent.Api.Technicians;
using KioskAgent.Devices;
using KioskAgent.Hardware.CardReaders.Simulated;
using KioskAgent.Hardware.KeyboardWedge;
using KioskAgent.Journal;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace KioskAgent.Api;

/// <summary>Kestrel endpoints, gRPC services, gRPC-Web, health, reflection and the UI's static files.</summary>
public static class LocalApiExtensions
{
    /// <summary>The names gRPC health answers for besides the secure identity one: overall ("") and each service.</summary>
    public static readonly string[] HealthServiceNames =
        ["", "kiosk.v1.KioskUi", "kiosk.v1.GiftRedemption", "kiosk.v1.StaffService", "kiosk.v1.VoucherService", "kiosk.v1.CheckInService", "kiosk.v1.Devices", "kiosk.v1.MemberAdmin", "kiosk.v1.DeviceSimulator", "kiosk.v1.DrawService"];

    public static WebApplicationBuilder AddLocalApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LocalApiOptions>()
            .BindConfiguration(LocalApiOptions.Section)
            .Validate(o => o.UiPort is > 0 and < 65536 && o.GrpcPort is > 0 and < 65536 && o.UiPort != o.GrpcPort, "Api:UiPort and Api:GrpcPort must be different ports 1-65535.")
            .ValidateOnStart();

        var api = builder.Configuration.GetSection(LocalApiOptions.Section).Get<LocalApiOptions>() ?? new LocalApiOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, api.UiPort, o => o.Protocols = HttpProtocols.Http1);
            kestrel.Listen(IPAddress.Loopback, api.GrpcPort, o => o.Protocols = HttpProtocols.Http2);
            if (!string.IsNullOrWhiteSpace(api.UnixSocketPath))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(api.UnixSocketPath)!);
                File.Delete(api.UnixSocketPath);
                kestrel.ListenUnixSocket(api.UnixSocketPath, o => o.Protocols = HttpProtocols.Http2);
            }
        });

        builder.Services.AddTechnicianAuth();
        builder.Services.AddGrpc(o =>
        {
            o.EnableDetailedErrors = false;
            o.Interceptors.Add<Refusals.RefusalDetailsInterceptor>();
        });

        // Services and the interceptor are made without compiled expression trees (ReflectionGrpcServiceActivator):
        // the last activator registered wins over gRPC's own; the interceptor comes from DI, one per call.
        builder.Services.AddSingleton(typeof(IGrpcServiceActivator<>), typeof(ReflectionGrpcServiceActivator<>));
        builder.Services.AddScoped<Refusals.RefusalDetailsInterceptor>();
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks(o =>
            {
                // Every service of the local API answers by its own name (a generic client asks for
                // the one it uses); each is as healthy as the agent. Secure card identity has a name
                // of its own, the only way the protocol can show "works, but weak" (UID-only).
                foreach (var service in HealthServiceNames)
                {
                    o.Services.Map(service, r => r.Name is not (Identity.SecureCardIdentityHealthCheck.Name or Camera.CameraHealthCheck.Name));
                }

                o.Services.Map(Identity.SecureCardIdentityHealthCheck.ServiceName, r => r.Name == Identity.SecureCardIdentityHealthCheck.Name);

                // The camera has its own name too: without it QR codes are not read, but cards still are.
                o.Services.Map(Camera.CameraHealthCheck.ServiceName, r => r.Name == Camera.CameraHealthCheck.Name);
            })
            .AddCheck<JournalHealthCheck>("journal")
            .AddCheck<Identity.CardIdentityHealthCheck>("card_identity")
            .AddCheck<Identity.SecureCardIdentityHealthCheck>(Identity.SecureCardIdentityHealthCheck.Name);
        return builder;
    }

    public static WebApplication MapLocalApi(this WebApplication app)
    {
        var api = app.Services.GetRequiredService<IOptions<LocalApiOptions>>().Value;
        app.UseMiddleware<LocalApiGuard>();
        app.UseMiddleware<TechnicianAuthMiddleware>();
        var uiRoot = api.UiRoot ?? Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (Directory.Exists(uiRoot))
        {
            var files = new PhysicalFileProvider(Path.GetFullPath(uiRoot));
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        }

        // Before gRPC-Web: binary gRPC-Web frames are gRPC frames, and the check must hand the
        // body on unread to whatever reads it next.
        app.UseMiddleware<GrpcRequestCheck>();
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        app.MapGrpcService<KioskUiGrpcService>();
        app.MapGrpcService<DevicesGrpcService>();
        app.MapGrpcService<GiftRedemptionGrpcService>();
        app.MapGrpcService<VouchersGrpcService>();
        app.MapGrpcService<CheckInGrpcService>();
        app.MapGrpcService<StaffGrpcService>();
        app.MapGrpcService<MemberAdminGrpcService>();
        app.MapGrpcService<DrawGrpcService>();
        var devices = app.Services.GetRequiredService<IOptions<DeviceOptions>>().Value;
        var hasSimulated = devices.CardReaders.Any(r => string.Equals(r.Kind, SimulatedCardReaderKind.KindName, StringComparison.OrdinalIgnoreCase))
            || devices.Scanners.Any(s => string.Equals(s.Kind, SimulatedCodeScannerKind.KindName, StringComparison.OrdinalIgnoreCase));
        if (hasSimulated)
        {
            app.MapGrpcService<DeviceSimulatorGrpcService>();
        }

        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.MapScreenHealth();
        return app;
    }
}
