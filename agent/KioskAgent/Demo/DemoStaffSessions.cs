using KioskAgent.Staff;
using Microsoft.Extensions.Options;

namespace KioskAgent.Demo;

/// <summary>
/// Demo and test kiosks only: a staff session that is always open (Demo:StaffRole "Staff" or
/// "Supervisor"), so staff screens can be shown and tested before a staff card and PIN exist.
/// Off unless Demo:Enabled, which a deployed kiosk never has; a real staff login replaces it.
/// </summary>
public sealed class DemoStaffSessions(IOptions<DemoOptions> options) : IStaffSessions
{
    public StaffIdentity? Current =>
        options.Value is { Enabled: true, StaffRole: { Length: > 0 } role } && Enum.TryParse<StaffRole>(role, ignoreCase: true, out var parsed)
            ? new StaffIdentity("demo-staff", "Demo staff", parsed)
            : null;
}
