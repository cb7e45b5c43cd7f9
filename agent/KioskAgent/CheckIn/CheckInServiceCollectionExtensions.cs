using KioskAgent.CentralLink;

namespace KioskAgent.CheckIn;

public static class CheckInServiceCollectionExtensions
{
    /// <summary>Event check-in: activities (central's and local), the desk that takes taps, the ready check.</summary>
    public static WebApplicationBuilder AddCheckIn(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CheckInOptions>().BindConfiguration(CheckInOptions.Section).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<CheckInOptions>, CheckInOptionsValidator>();
        services.AddSingleton<ActivityStore>();
        services.AddSingleton<CheckInLedgerStore>();
        services.AddSingleton<CheckInDesk>();
        services.AddSingleton<KioskAgent.Draws.Pools.IDrawPoolSource, CheckInDrawPool>();
        services.AddSingleton<CheckInReadiness>();
        services.AddSingleton<CheckInConsole>();
        services.AddSingleton<KioskAgent.Staff.IStaffFeature, CheckInStaffFeature>();
        services.AddSingleton<IMqttInboundHandler, ActivityCatalogHandler>();
        return builder;
    }
}
