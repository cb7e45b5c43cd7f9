using KioskAgent.Taps;

namespace KioskAgent.Staff;

/// <summary>
/// A staff feature that also takes member QR codes (digital member cards held to the camera) while it
/// holds the <see cref="StaffTapRouter"/>: an open check-in counts a phone like a card.
/// </summary>
public interface IStaffQrTapConsumer
{
    Task HandleQrAsync(QrTap tap, CancellationToken cancellationToken);
}
