using Grpc.Core;
using KioskAgent.Contracts.V1;
using KioskAgent.Staff;

namespace KioskAgent.Api;

/// <summary>
/// Staff mode for the UI: the PIN from the PIN pad, logout, and the staff home screen's features.
/// Everything but the login refuses with FAILED_PRECONDITION while no staff session is open, and
/// a feature the role may not open with PERMISSION_DENIED: a member at the screen reaches nothing.
/// </summary>
public sealed class StaffGrpcService(StaffSessions sessions, StaffFeatureCatalog features, StaffActions actions) : StaffService.StaffServiceBase
{
    private const int MaxIdLength = 64;

    public override async Task<EnterPinResponse> EnterPin(EnterPinRequest request, ServerCallContext context)
    {
        var loginId = Required(request.LoginId, "login_id");
        var entry = await sessions.EnterPinAsync(loginId, request.Pin.Length <= MaxIdLength ? request.Pin : "", context.CancellationToken).ConfigureAwait(false)
            ?? throw new RpcException(new Status(StatusCode.FailedPrecondition, "That PIN pad is no longer shown; tap the staff card again."));
        return new EnterPinResponse { Accepted = entry.Accepted, ReasonCode = entry.ReasonCode, RetryAfterSeconds = (uint)Math.Ceiling(entry.RetryAfter.TotalSeconds) };
    }

    public override Task<CancelLoginResponse> CancelLogin(CancelLoginRequest request, ServerCallContext context) =>
        sessions.CancelLogin(Required(request.LoginId, "login_id"))
            ? Task.FromResult(new CancelLoginResponse())
            : throw new RpcException(new Status(StatusCode.FailedPrecondition, "That PIN pad is no longer shown."));

    public override async Task<LogoutResponse> Logout(LogoutRequest request, ServerCallContext context)
    {
        RequireSession();
        await sessions.EndAsync("logout", context.CancellationToken).ConfigureAwait(false);
        return new LogoutResponse();
    }

    public override async Task<OpenStaffFeatureResponse> OpenStaffFeature(OpenStaffFeatureRequest request, ServerCallContext context)
    {
        var staff = RequireSession();
        var code = Required(request.Code, "code");
        var feature = features.Find(code);
        if (feature is null)
        {
            if (StaffFeatureCatalog.Planned.Any(p => p.Code == code))
            {
                // Listed on the home screen but not built into this agent yet.
                await actions.RecordAsync(staff, "open_feature", code, context.CancellationToken, "feature_not_ready").ConfigureAwait(false);
                sessions.ShowHome("feature_not_ready");
                throw new RpcException(new Status(StatusCode.FailedPrecondition, $"{code} is not available on this kiosk yet."));
            }

            throw new RpcException(new Status(StatusCode.NotFound, "No such staff feature."));
        }

        if (!staff.May(feature.RequiredRole))
        {
            await actions.RecordAsync(staff, "open_feature", code, context.CancellationToken, "permission_denied").ConfigureAwait(false);
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"{code} needs the {StaffRoles.Name(feature.RequiredRole)} role."));
        }

        await actions.RecordAsync(staff, "open_feature", code, context.CancellationToken).ConfigureAwait(false);
        await feature.OpenAsync(staff, context.CancellationToken).ConfigureAwait(false);
        return new OpenStaffFeatureResponse();
    }

    public override Task<ShowStaffHomeResponse> ShowStaffHome(ShowStaffHomeRequest request, ServerCallContext context)
    {
        RequireSession();
        sessions.KeepAlive();
        return sessions.ShowHome()
            ? Task.FromResult(new ShowStaffHomeResponse())
            : throw NoSession();
    }

    public override Task<KeepSessionAliveResponse> KeepSessionAlive(KeepSessionAliveRequest request, ServerCallContext context)
    {
        RequireSession();
        sessions.KeepAlive();
        return Task.FromResult(new KeepSessionAliveResponse { IdleSeconds = (uint)sessions.IdleSeconds });
    }

    private StaffIdentity RequireSession() => sessions.Current ?? throw NoSession();

    private static RpcException NoSession() =>
        new(new Status(StatusCode.FailedPrecondition, "No staff session is open: tap a staff card and enter its PIN."));

    private static string Required(string value, string field) => value.Length is > 0 and <= MaxIdLength
        ? value
        : throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field} is required, at most {MaxIdLength} characters"));
}
