using Google.Protobuf;
using Grpc.Core;
using KioskAgent.Contracts.V1;
using KioskAgent.Draws;
using KioskAgent.Draws.Running;

namespace KioskAgent.Api;

/// <summary>
/// Staff run prize draws (draws.proto); the stage follows on WatchScreen. Loopback only, like the
/// rest of the UI API. A refusal is its status with a message that says what to do; nothing is
/// changed by a refused call.
/// </summary>
public sealed class DrawGrpcService(DrawRuntime draws, DrawSetup setup) : DrawService.DrawServiceBase
{
    private const int MaxTitleLength = 64;
    private const int MaxTiers = 20;
    private const int MaxPrizesPerTier = 10_000;
    private const int MaxGroups = 10_000;

    public override Task<CreateDrawResponse> CreateDraw(CreateDrawRequest request, ServerCallContext context) =>
        Reply(v => new CreateDrawResponse { Draw = v }, () => draws.CreateAsync(Spec(request), context.CancellationToken));

    public override Task<FreezePoolResponse> FreezePool(FreezePoolRequest request, ServerCallContext context) =>
        Reply(v => new FreezePoolResponse { Draw = v }, () => draws.FreezeAsync(request.DrawId, context.CancellationToken));

    public override Task<CommitResponse> Commit(CommitRequest request, ServerCallContext context) =>
        Reply(v => new CommitResponse { Draw = v }, () => draws.CommitAsync(request.DrawId, context.CancellationToken));

    public override Task<AddContributionResponse> AddContribution(AddContributionRequest request, ServerCallContext context) =>
        Reply(v => new AddContributionResponse { Draw = v }, () => draws.ContributeAsync(request.DrawId, request.Contribution, context.CancellationToken));

    public override Task<DrawResponse> Draw(Contracts.V1.DrawRequest request, ServerCallContext context) =>
        Reply(v => new DrawResponse { Draw = v }, () => draws.DrawAsync(request.DrawId, context.CancellationToken));

    public override Task<MarkClaimedResponse> MarkClaimed(MarkClaimedRequest request, ServerCallContext context) =>
        Reply(v => new MarkClaimedResponse { Draw = v }, () => draws.ClaimAsync(request.DrawId, (int)request.Tier, request.EntrantId, context.CancellationToken));

    public override Task<ReplaceWinnerResponse> ReplaceWinner(ReplaceWinnerRequest request, ServerCallContext context) =>
        Reply(v => new ReplaceWinnerResponse { Draw = v }, () => draws.ReplaceAsync(request.DrawId, (int)request.Tier, request.EntrantId, request.Reason, context.CancellationToken));

    public override Task<LockResponse> Lock(LockRequest request, ServerCallContext context) =>
        Reply(v => new LockResponse { Draw = v }, () => draws.LockAsync(request.DrawId, context.CancellationToken));

    public override Task<GetDrawResponse> GetDraw(GetDrawRequest request, ServerCallContext context) =>
        Reply(v => new GetDrawResponse { Draw = v }, () => draws.GetAsync(request.DrawId, context.CancellationToken));

    public override Task<ShowDrawResponse> ShowDraw(ShowDrawRequest request, ServerCallContext context) =>
        Reply(v => new ShowDrawResponse { Draw = v }, () => draws.ShowAsync(request.DrawId, context.CancellationToken));

    public override Task<LeaveStageResponse> LeaveStage(LeaveStageRequest request, ServerCallContext context) =>
        Reply(v => new LeaveStageResponse { Draw = v }, () => draws.LeaveStageAsync(request.DrawId, context.CancellationToken));

    public override async Task<OpenDrawSetupResponse> OpenDrawSetup(OpenDrawSetupRequest request, ServerCallContext context) =>
        new() { Setup = await Refused(() => setup.ShowAsync(context.CancellationToken)).ConfigureAwait(false) };

    public override async Task<PrintRecordResponse> PrintRecord(PrintRecordRequest request, ServerCallContext context)
    {
        var (job, reason) = await Refused(() => draws.PrintRecordAsync(request.DrawId, context.CancellationToken)).ConfigureAwait(false);
        return new PrintRecordResponse { JobId = reason is null ? job : "", Reason = reason ?? "" };
    }

    public override async Task<ExportRecordResponse> ExportRecord(ExportRecordRequest request, ServerCallContext context) =>
        new() { RecordJson = ByteString.CopyFrom(await Refused(() => draws.ExportAsync(request.DrawId, context.CancellationToken)).ConfigureAwait(false)) };

    private static DrawSpec Spec(CreateDrawRequest r)
    {
        if (r.Title.Length is 0 or > MaxTitleLength)
        {
            throw Invalid($"title is required, at most {MaxTitleLength} characters");
        }

        if (r.Tiers.Count > MaxTiers || r.Tiers.Any(t => t.Count > MaxPrizesPerTier || t.Name.Length is 0 or > 32))
        {
            throw Invalid($"at most {MaxTiers} tiers, each with a name of 1-32 characters and at most {MaxPrizesPerTier} prizes");
        }

        var mode = r.PoolMode switch
        {
            Contracts.V1.DrawPoolMode.CheckIns => Draws.Running.DrawPoolMode.CheckIns,
            Contracts.V1.DrawPoolMode.TapToJoin => Draws.Running.DrawPoolMode.TapToJoin,
            Contracts.V1.DrawPoolMode.Groups => Draws.Running.DrawPoolMode.Groups,
            _ => throw Invalid("pool_mode must be CHECK_INS, TAP_TO_JOIN or GROUPS"),
        };
        if (mode == Draws.Running.DrawPoolMode.CheckIns && r.ActivityId.Length == 0)
        {
            throw Invalid("a draw among check-ins needs activity_id");
        }

        if (r.EventId.Length > 0 && !Hosting.KioskOptions.IsValidId(r.EventId))
        {
            throw Invalid("event_id must be 1-64 letters, digits, '-', '_' or '.'");
        }

        var groups = Groups(r, mode);

        try
        {
            var rules = r.Type switch
            {
                "winners" => DrawRules.Winners(r.Tiers.Select(t => new DrawTier(t.Name, (int)t.Count, (int)t.Level)), r.HighestFirst, (int)Math.Max(1, r.MaxWinsPerEntrant)),
                "order" => DrawRules.RankAll(),
                _ => throw Invalid("type must be \"winners\" or \"order\""),
            };
            return new DrawSpec(r.DrawId, r.Title, r.ActivityId, mode, rules) { EventId = r.EventId, AllowEarlierWinners = r.AllowEarlierWinners, Groups = groups };
        }
        catch (ArgumentException ex)
        {
            throw Invalid(ex.Message);
        }
    }

    private static DrawEntrant[] Groups(CreateDrawRequest r, Draws.Running.DrawPoolMode mode)
    {
        if (mode != Draws.Running.DrawPoolMode.Groups)
        {
            return r.Groups.Count == 0 ? [] : throw Invalid("groups are given only with pool_mode GROUPS");
        }

        if (r.Groups.Count is 0 or > MaxGroups
            || r.Groups.Any(g => System.Text.Encoding.UTF8.GetByteCount(g.Id) is 0 or > DrawPool.MaxIdBytes || g.Name.Length > 32)
            || r.Groups.Select(g => g.Id).Distinct(StringComparer.Ordinal).Count() != r.Groups.Count)
        {
            throw Invalid($"a GROUPS draw needs 1-{MaxGroups} groups with distinct ids of 1-{DrawPool.MaxIdBytes} UTF-8 bytes and names of at most 32 characters");
        }

        return [.. r.Groups.Select(g => new DrawEntrant(g.Id, g.Name))];
    }

    private static async Task<T> Reply<T>(Func<DrawStageView, T> response, Func<Task<DrawStageView>> action) =>
        response(await Refused(action).ConfigureAwait(false));

    private static async Task<T> Refused<T>(Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (DrawRefusedException ex)
        {
            var code = ex.Refusal switch
            {
                DrawRefusal.InvalidArgument => StatusCode.InvalidArgument,
                DrawRefusal.NotFound => StatusCode.NotFound,
                DrawRefusal.PermissionDenied => StatusCode.PermissionDenied,
                _ => StatusCode.FailedPrecondition,
            };
            throw new RpcException(new Status(code, ex.Message));
        }
    }

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
