using KioskAgent.Staff;

namespace KioskAgent.Vouchers;

/// <summary>
/// The voucher desk (核销) on the staff home screen: opens the desk and lets the camera feed it. The desk
/// is resolved when the feature opens: it needs the staff sessions, which list the features.
/// </summary>
public sealed class VoucherStaffFeature(IServiceProvider services) : IStaffFeature
{
    public string Code => "vouchers";

    public string Label => "兑换券核销 · Vouchers";

    public StaffRole RequiredRole => StaffRole.Staff;

    public bool Available => true;

    public Task OpenAsync(StaffIdentity staff, CancellationToken cancellationToken)
    {
        services.GetRequiredService<VoucherDesk>().Open(staff);
        services.GetRequiredService<VoucherCameraFeed>().Start();
        return Task.CompletedTask;
    }
}
