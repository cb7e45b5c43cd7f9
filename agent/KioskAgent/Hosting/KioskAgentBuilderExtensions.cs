using KioskAgent.Activities;
using KioskAgent.Api;
using KioskAgent.Camera;
using KioskAgent.CheckIn;
using KioskAgent.CentralLink;
using KioskAgent.Commands;
using KioskAgent.CrossKiosk;
using KioskAgent.Demo;
using KioskAgent.Devices;
using KioskAgent.Draws.Sessions;
using KioskAgent.Feedback;
using KioskAgent.Identity;
using KioskAgent.Journal;
using KioskAgent.Members;
using KioskAgent.MemberSync;
using KioskAgent.Printing;
using KioskAgent.Provisioning;
using KioskAgent.RemoteConfig;
using KioskAgent.Rewards;
using KioskAgent.Scanners;
using KioskAgent.Screen;
using KioskAgent.Statements;
using KioskAgent.Staff;
using KioskAgent.Taps;
using KioskAgent.Vouchers;
using KioskAgent.Update;
using KioskAgent.Watchdog;

namespace KioskAgent.Hosting;

/// <summary>The agent's wiring: each feature registers itself; this only lists them.</summary>
public static class KioskAgentBuilderExtensions
{
    public static WebApplicationBuilder AddKioskAgent(this WebApplicationBuilder builder, string[] args)
    {
        builder.Configuration.AddKioskSources(args);
        builder.Host.UseSystemd();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<KioskOptions>()
            .BindConfiguration(KioskOptions.Section)
            .Validate(o => KioskOptions.IsValidId(o.KioskId), "Kiosk:KioskId must be 1-64 letters, digits, '-', '_' or '.'.")
            .Validate(o => KioskOptions.IsValidId(o.SiteId), "Kiosk:SiteId must be 1-64 letters, digits, '-', '_' or '.'.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataDirectory), "Kiosk:DataDirectory is required.")
            .Validate(o => Members.SiteCalendar.IsValidZone(o.TimeZone), "Kiosk:TimeZone must be an IANA time zone id such as Asia/Shanghai, or empty for the host's zone.")
            .ValidateOnStart();

        builder.AddLocalApi();
        builder.AddProvisioning();
        builder.AddCheckIn();
        builder.Services
            .AddWatchdog()
            .AddDemo()
            .AddDevices()
            .AddPrinting()
            .AddCardIdentity()
            .AddMembers()
            .AddJournal()
            .AddScreen()
            .AddCentralLink()
            .AddMemberSync()
            .AddCommands()
            .AddRemoteConfig()
            .AddTaps()
            .AddStaff()
            .AddCamera()
            .AddScanners()
            .AddRewards()
            .AddVouchers()
            .AddStatements()
            .AddActivities()
            .AddCrossKiosk()
            .AddDraws()
            .AddFeedback()
            .AddUpdates();
        builder.Services.AddHostedService<NativeHeapTrimmer>();
        builder.AddTestingStaffSession();
        return builder;
    }

    public static WebApplication MapKioskAgent(this WebApplication app)
    {
        // Before the local API's own guards: it decides what the provisioning listener serves.
        app.MapProvisioning();
        app.MapUpdates();
        app.MapLocalApi();
        return app;
    }
}
