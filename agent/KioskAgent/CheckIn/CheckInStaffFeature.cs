using KioskAgent.Staff;

namespace KioskAgent.CheckIn;

/// <summary>
/// Event check-in on the staff home screen: opens the activity picker with its ready check. The console
/// is resolved when the feature opens: it needs the staff sessions, which list the features.
/// </summary>
public sealed class CheckInStaffFeature(IServiceProvider services) : IStaffFeature
{
    public string Code => "check_in";

    public string Label => "签到活动 · Check-in";

    public StaffRole RequiredRole => StaffRole.Staff;

    public bool Available => true;

    public Task OpenAsync(StaffIdentity staff, CancellationToken cancellationToken)
    {
        services.GetRequiredService<CheckInConsole>().ShowPicker(staff);
        return Task.CompletedTask;
    }
}
