using KioskAgent.Contracts.V1;
using KioskAgent.Identity;
using KioskAgent.Screen;
using KioskAgent.Taps;

namespace KioskAgent.Camera;

/// <summary>
/// Sends a newly seen QR where it belongs, whether a camera decoded it or a code scanner typed it:
/// member codes (<c>KM…</c>) into the tap pipeline like a card; vouchers (<c>KV1:</c>) to staff
/// features, and the member is told vouchers go to staff; any other code (a payment code, a URL on a
/// poster) is ignored. Returns what the code was, for the caller's own counters.
/// </summary>
public sealed partial class QrCodeDispatcher(
    TapPipeline pipeline,
    VoucherScans vouchers,
    ScreenBroadcaster screen,
    ILogger<QrCodeDispatcher> logger)
{
    public const string VoucherStaffOnly = "qr_voucher_staff_only";

    /// <param name="sourceId">The camera's or scanner's id, in the place of a reader id.</param>
    /// <param name="via"><see cref="VoucherScan.Camera"/> or <see cref="VoucherScan.Scanner"/>.</param>
    /// <returns>"member", "voucher", "voucher_unclaimed", "voucher_refused.REASON" or "other".</returns>
    public async Task<string> DispatchAsync(string sourceId, string via, string payload, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (payload.StartsWith("KM", StringComparison.Ordinal))
        {
            await pipeline.HandleQrAsync(new QrTap(sourceId, QrIdentityResolver.Resolve(payload), at), cancellationToken).ConfigureAwait(false);
            return "member";
        }

        if (VoucherQrCode.LooksLikeVoucher(payload))
        {
            return Voucher(sourceId, via, payload, at);
        }

        LogOtherCode(sourceId, payload.Length);
        return "other";
    }

    private string Voucher(string sourceId, string via, string payload, DateTimeOffset at)
    {
        if (VoucherQrCode.Problem(payload) is { } problem)
        {
            LogBadVoucher(sourceId, problem);
            return $"voucher_refused.{problem}";
        }

        var scan = new VoucherScan(sourceId, payload, at, via);
        var taken = vouchers.Publish(scan);
        LogVoucher(sourceId, scan.Masked, taken);
        if (taken == 0)
        {
            screen.ShowRefusal(new RefusalView
            {
                ReasonCode = VoucherStaffOnly,
                Message = "兑换券请交给工作人员核销 · Vouchers are redeemed by staff. Please ask at the service desk.",
                MaskedCard = scan.Masked,
            });
        }

        return taken > 0 ? "voucher" : "voucher_unclaimed";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Voucher {MaskedCode} at {SourceId} handed to {Subscribers} staff feature(s)")]
    private partial void LogVoucher(string sourceId, string maskedCode, int subscribers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Voucher-like QR at {SourceId} refused: {Reason}")]
    private partial void LogBadVoucher(string sourceId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "QR at {SourceId} is not a kiosk code ({Length} characters); ignored")]
    private partial void LogOtherCode(string sourceId, int length);
}
