using Grpc.Core;
using KioskAgent.CheckIn;
using KioskAgent.Contracts.V1;
using KioskAgent.Staff;

namespace KioskAgent.Api;

/// <summary>
/// Staff's check-in steps (loopback only, like every local API). Every call needs an open staff
/// session (PERMISSION_DENIED otherwise, so a member can never reach a staff screen); creating an
/// activity needs a supervisor. The screens follow on WatchScreen.
/// </summary>
public sealed class CheckInGrpcService(CheckInConsole console, CheckInDesk desk, CheckInReadiness readiness, IStaffSessions sessions) : CheckInService.CheckInServiceBase
{
    private const int MaxIdLength = 64;

    public override Task<ListActivitiesResponse> ListActivities(ListActivitiesRequest request, ServerCallContext context)
    {
        Staff();
        return Task.FromResult(console.List());
    }

    public override Task<StartCheckInResponse> StartCheckIn(StartCheckInRequest request, ServerCallContext context)
    {
        console.ShowPicker(Staff());
        return Task.FromResult(new StartCheckInResponse());
    }

    public override Task<OpenActivityResponse> OpenActivity(OpenActivityRequest request, ServerCallContext context)
    {
        var staff = Staff();
        var id = request.ActivityId.Length is > 0 and <= MaxIdLength
            ? request.ActivityId
            : throw new RpcException(new Status(StatusCode.InvalidArgument, $"activity_id is required, at most {MaxIdLength} characters"));
        return console.Open(id, staff) switch
        {
            "ok" => Task.FromResult(new OpenActivityResponse()),
            var reason => throw new RpcException(new Status(StatusCode.NotFound, $"No activity {id} is known here ({reason})")),
        };
    }

    public override Task<CloseActivityResponse> CloseActivity(CloseActivityRequest request, ServerCallContext context)
    {
        console.ShowPicker(Staff());
        return Task.FromResult(new CloseActivityResponse());
    }

    public override Task<LeaveCheckInResponse> LeaveCheckIn(LeaveCheckInRequest request, ServerCallContext context)
    {
        Staff();
        console.Leave();
        return Task.FromResult(new LeaveCheckInResponse());
    }

    public override Task<GetReadyCheckResponse> GetReadyCheck(GetReadyCheckRequest request, ServerCallContext context)
    {
        Staff();
        return Task.FromResult(new GetReadyCheckResponse { Ready = readiness.Check(request.ActivityId.Length == 0 ? null : request.ActivityId) });
    }

    public override async Task<CreateActivityResponse> CreateActivity(CreateActivityRequest request, ServerCallContext context)
    {
        var staff = Staff();
        if (!staff.May(StaffRole.Supervisor))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "Only a supervisor may create an activity."));
        }

        var (created, problem, journalDown) = await console.CreateAsync(request.Activity ?? new ActivityRecord(), staff, context.CancellationToken).ConfigureAwait(false);
        return created is not null ? new CreateActivityResponse { Activity = created } : throw new RpcException(new Status(journalDown ? StatusCode.Unavailable : StatusCode.InvalidArgument, problem!));
    }

    public override async Task WatchFeed(WatchFeedRequest request, IServerStreamWriter<WatchFeedResponse> responseStream, ServerCallContext context)
    {
        Staff();
        try
        {
            await foreach (var view in desk.WatchAsync(context.CancellationToken).ConfigureAwait(false))
            {
                await responseStream.WriteAsync(new WatchFeedResponse { Feed = view }, context.CancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
        }
    }

    private StaffIdentity Staff() => sessions.Current
        ?? throw new RpcException(new Status(StatusCode.PermissionDenied, "Staff only: log in with a staff card and PIN first."));
}
