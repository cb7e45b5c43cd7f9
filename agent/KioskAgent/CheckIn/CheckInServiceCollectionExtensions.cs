using KioskAgent.CentralLink;
using KioskAgent.Staff;

namespace KioskAgent.CheckIn;

public static class CheckInServiceCollectionExtensions
{
    /// <summary>Event check-in: activities (central's and local), the desk that takes taps, the ready check.</summary>
    public static WebApplicationBuilder AddCheckIn(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CheckInOptions>().BindConfiguration(CheckInOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ActivityStore>();
        services.AddSingleton<CheckInLedgerStore>();
        services.AddSingleton<CheckInDesk>();
        services.AddSingleton<CheckInReadiness>();
        services.AddSingleton<CheckInConsole>();
        services.AddSingleton<IMqttInboundHandler, ActivityCatalogHandler>();
        AddTestSession(builder);
        return builder;
    }

    /// <summary>Staff:TestSession, honoured only in the Demo and Testing environments (see <see cref="TestStaffSession"/>).</summary>
    private static void AddTestSession(WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Staff:TestSession");
        var demo = builder.Configuration.GetValue<bool>("Demo:Enabled");
        if (!section.Exists() || !(builder.Environment.IsEnvironment("Testing") || (demo && !builder.Environment.IsProduction())))
        {
            return;
        }

        var role = Enum.TryParse<StaffRole>(section["Role"], ignoreCase: true, out var parsed) ? parsed : StaffRole.Staff;
        var identity = new StaffIdentity(section["StaffId"] ?? "test-staff", section["DisplayName"] ?? "Test staff", role);
        builder.Services.AddSingleton<IStaffSessions>(new TestStaffSession(identity));
    }
}
