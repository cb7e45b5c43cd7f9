using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KioskAgent.Staff;

public static class TestingStaffSessionExtensions
{
    public const string TestingEnvironment = "Testing";

    /// <summary>
    /// With <c>Staff:TestSession:StaffId</c> set, in demo mode or the Testing environment only,
    /// replaces the staff sessions with one that is always open. Elsewhere the setting is ignored:
    /// a production kiosk never opens a staff session without a login.
    /// </summary>
    public static WebApplicationBuilder AddTestingStaffSession(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TestingStaffSessionOptions.Section).Get<TestingStaffSessionOptions>();
        if (options is null || string.IsNullOrWhiteSpace(options.StaffId) || !Allowed(builder))
        {
            return builder;
        }

        var name = string.IsNullOrWhiteSpace(options.DisplayName) ? options.StaffId : options.DisplayName;
        builder.Services.Replace(ServiceDescriptor.Singleton<IStaffSessions>(new FixedStaffSessions(new StaffIdentity(options.StaffId, name, options.Role))));
        return builder;
    }

    private static bool Allowed(WebApplicationBuilder builder) =>
        builder.Environment.IsEnvironment(TestingEnvironment) || builder.Configuration.GetValue<bool>("Demo:Enabled");
}
