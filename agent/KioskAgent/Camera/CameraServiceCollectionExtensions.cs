using KioskAgent.CentralLink;
using KioskAgent.Hardware.Camera.Qr;
using Microsoft.Extensions.Options;

namespace KioskAgent.Camera;

public static class CameraServiceCollectionExtensions
{
    /// <summary>
    /// The camera: member QR codes as taps, vouchers to staff, check-in snapshots, its health. Without
    /// Devices:Camera:Kind the services exist (snapshots answer "no_camera") but no loop runs.
    /// </summary>
    public static IServiceCollection AddCamera(this IServiceCollection services)
    {
        services.AddOptions<CameraOptions>().BindConfiguration(CameraOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CameraOptions>, CameraOptionsValidator>();
        services.AddSingleton<CameraDevice>();
        services.AddSingleton<CameraCounters>();
        services.AddSingleton<IHealthReportContributor>(sp => sp.GetRequiredService<CameraCounters>());
        services.AddSingleton<CameraHealthReporter>();
        services.AddSingleton<VoucherScans>();
        services.AddSingleton<QrCodeDispatcher>();
        services.AddSingleton<CheckInSnapshots>();
        services.AddSingleton<CameraSelfTest>();
        services.AddSingleton<IQrDecoder, ZbarQrDecoder>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CameraOptions>>().Value;
            return new QrFrameReader(sp.GetRequiredService<IQrDecoder>(), new FrameChangeDetector(() => options.ChangeThreshold));
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CameraOptions>>().Value;
            return new QrDebouncer(TimeSpan.FromMilliseconds(options.GoneAfterMs));
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CameraOptions>>().Value;
            return new ScanBudget(() => options.MaxFramesPerSecond, () => options.MaxCpuPercent);
        });
        services.AddHealthChecks().AddCheck<CameraHealthCheck>(CameraHealthCheck.Name);
        services.AddHostedService<QrScanLoop>();
        return services;
    }
}
