using KioskAgent.Contracts.V1;
using KioskAgent.Identity;
using KioskAgent.Screen;
using KioskAgent.Taps;

namespace KioskAgent.Camera;

/// <summary>
/// Sends a newly seen QR where it belongs: member codes (<c>KM…</c>) into the tap pipeline like a
/// card; vouchers (<c>KV1:</c>) to staff features, and the member is told vouchers go to staff; any
/// other QR (a payment code, a URL on a poster) is counted and otherwise ignored.
/// </summary>
public sealed partial class QrCodeDispatcher(
    TapPipeline pipeline,
    VoucherScans vouchers,
    ScreenBroadcaster screen,
    CameraCounters counters,
    ILogger<QrCodeDispatcher> logger)
{
    public const string VoucherStaffOnly = "qr_voucher_staff_only";

    public async Task DispatchAsync(string cameraId, string payload, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (payload.StartsWith("KM", StringComparison.Ordinal))
        {
            counters.Code("member");
            await pipeline.HandleQrAsync(new QrTap(cameraId, QrIdentityResolver.Resolve(payload), at), cancellationToken).ConfigureAwait(false);
        }
        else if (VoucherQrCode.LooksLikeVoucher(payload))
        {
            Voucher(cameraId, payload, at);
        }
        else
        {
            counters.Code("other");
            LogOtherCode(cameraId, payload.Length);
        }
    }

    private void Voucher(string cameraId, string payload, DateTimeOffset at)
    {
        if (VoucherQrCode.Problem(payload) is { } problem)
        {
            counters.Code($"voucher_refused.{problem}");
            LogBadVoucher(cameraId, problem);
            return;
        }

        var scan = new VoucherScan(cameraId, payload, at);
        var taken = vouchers.Publish(scan);
        counters.Code(taken > 0 ? "voucher" : "voucher_unclaimed");
        LogVoucher(cameraId, scan.Masked, taken);
        if (taken == 0)
        {
            screen.ShowRefusal(new RefusalView
            {
                ReasonCode = VoucherStaffOnly,
                Message = "兑换券请交给工作人员核销 · Vouchers are redeemed by staff. Please ask at the service desk.",
                MaskedCard = scan.Masked,
            });
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Voucher {MaskedCode} at {CameraId} handed to {Subscribers} staff feature(s)")]
    private partial void LogVoucher(string cameraId, string maskedCode, int subscribers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Voucher-like QR at {CameraId} refused: {Reason}")]
    private partial void LogBadVoucher(string cameraId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "QR at {CameraId} is not a kiosk code ({Length} characters); ignored")]
    private partial void LogOtherCode(string cameraId, int length);
}
