using KioskAgent.Staff;

namespace KioskAgent.Vouchers;

/// <summary>The voucher desk (核销) on the staff home screen: opens the desk and lets the camera feed it.</summary>
public sealed class VoucherStaffFeature(VoucherDesk desk, VoucherCameraFeed camera) : IStaffFeature
{
    public string Code => "vouchers";

    public string Label => "兑换券核销 · Vouchers";

    public StaffRole RequiredRole => StaffRole.Staff;

    public bool Available => true;

    public Task OpenAsync(StaffIdentity staff, CancellationToken cancellationToken)
    {
        desk.Open(staff);
        camera.Start();
        return Task.CompletedTask;
    }
}
