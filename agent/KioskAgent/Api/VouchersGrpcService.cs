using Grpc.Core;
using KioskAgent.Contracts.V1;
using KioskAgent.Staff;
using KioskAgent.Vouchers;

namespace KioskAgent.Api;

/// <summary>
/// The staff voucher desk (核销). Every call needs an open staff session: without one (a member at
/// the screen, or nobody logged in) it is PERMISSION_DENIED, counted and logged, and nothing is
/// looked up. Input that is no voucher code is INVALID_ARGUMENT (the desk says so on screen too).
/// </summary>
public sealed partial class VouchersGrpcService(
    VoucherDesk desk,
    VoucherCameraFeed camera,
    IStaffSessions sessions,
    VoucherCounters counters,
    ILogger<VouchersGrpcService> logger) : VoucherService.VoucherServiceBase
{
    public override Task<OpenVoucherDeskResponse> OpenVoucherDesk(OpenVoucherDeskRequest request, ServerCallContext context)
    {
        desk.Open(Staff(nameof(OpenVoucherDesk)));
        camera.Start();
        return Task.FromResult(new OpenVoucherDeskResponse());
    }

    public override async Task<LookupVoucherResponse> LookupVoucher(LookupVoucherRequest request, ServerCallContext context)
    {
        var staff = Staff(nameof(LookupVoucher));
        return new LookupVoucherResponse { Voucher = Card(await desk.LookupAsync(staff, request.Code, "typed", context.CancellationToken).ConfigureAwait(false)) };
    }

    public override async Task<MarkVoucherUsedResponse> MarkVoucherUsed(MarkVoucherUsedRequest request, ServerCallContext context)
    {
        var staff = Staff(nameof(MarkVoucherUsed));
        return new MarkVoucherUsedResponse { Voucher = Card(await desk.MarkUsedAsync(staff, request.Code, context.CancellationToken).ConfigureAwait(false)) };
    }

    public override Task<CloseVoucherDeskResponse> CloseVoucherDesk(CloseVoucherDeskRequest request, ServerCallContext context)
    {
        Staff(nameof(CloseVoucherDesk));
        camera.Stop();
        desk.Close();
        return Task.FromResult(new CloseVoucherDeskResponse());
    }

    private StaffIdentity Staff(string method)
    {
        if (sessions.Current is { } staff)
        {
            return staff;
        }

        counters.Count("denied");
        LogDenied(method);
        throw new RpcException(new Status(StatusCode.PermissionDenied, "The voucher desk needs a staff session: log in as staff first."));
    }

    private static VoucherCard Card(VoucherCard? card) =>
        card ?? throw new RpcException(new Status(StatusCode.InvalidArgument, "code must be the 8-character voucher code or a KV1 voucher QR"));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method}: no staff session is open")]
    private partial void LogDenied(string method);
}
