using Grpc.Core;
using KioskAgent.Api.Refusals;
using KioskAgent.Contracts.V1;
using KioskAgent.Demo;
using KioskAgent.Devices;
using KioskAgent.Hosting;
using KioskAgent.Rewards;
using KioskAgent.Screen;
using KioskAgent.Statements;
using Microsoft.Extensions.Options;

namespace KioskAgent.Api;

/// <summary>What the touchscreen UI calls: who the kiosk is, and the screen to show.</summary>
public sealed class KioskUiGrpcService(
    IOptions<KioskOptions> kiosk,
    IOptions<DemoOptions> demo,
    IOptions<KioskLanguageOptions> language,
    IOptionsMonitor<RedemptionPolicy> policy,
    IOptions<Camera.CameraOptions> camera,
    CardReaderRegistry readers,
    ScreenBroadcaster screen,
    ScreenHeartbeat heartbeat,
    StatementPrinting statements,
    IEnrollmentScreen enrollment,
    IHostApplicationLifetime lifetime) : KioskUi.KioskUiBase
{
    /// <summary>The enrollment screen's data, only while the kiosk waits for a technician.</summary>
    public override Task<EnrollmentState> GetEnrollment(GetEnrollmentRequest request, ServerCallContext context) =>
        Task.FromResult(enrollment.Current() ?? throw NotEnrolling());

    public override Task<EnrollmentState> RegenerateEnrollmentCode(RegenerateEnrollmentCodeRequest request, ServerCallContext context)
    {
        try
        {
            return Task.FromResult(enrollment.Regenerate());
        }
        catch (InvalidOperationException ex)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, ex.Message));
        }
    }

    public override Task<PrintEnrollmentSlipReply> PrintEnrollmentSlip(PrintEnrollmentSlipRequest request, ServerCallContext context)
    {
        try
        {
            return Task.FromResult(new PrintEnrollmentSlipReply { JobId = enrollment.PrintSlip() });
        }
        catch (InvalidOperationException ex)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, ex.Message));
        }
    }

    private static RpcException NotEnrolling() =>
        new(new Status(StatusCode.FailedPrecondition, "this kiosk is enrolled: the enrollment code is not shown"));

    public override Task<KioskInfo> GetKioskInfo(GetKioskInfoRequest request, ServerCallContext context)
    {
        var info = new KioskInfo
        {
            KioskId = kiosk.Value.KioskId,
            SiteId = kiosk.Value.SiteId,
            AgentVersion = AgentVersion.Current,
            DemoMode = demo.Value.Enabled,
            Language = language.Value.Language,
            StoreName = policy.CurrentValue.StoreName,
            QrAccepted = camera.Value.Enabled,
        };
        var reader = readers.FindSimulated(null);
        if (demo.Value.Enabled && reader is not null)
        {
            info.DemoCards.AddRange(DemoMembers.All.Select(m => new DemoCard { ReaderId = reader.ReaderId, CardUid = m.Member.Cards[0].Uid, Label = m.Label }));
            info.DemoCards.Add(new DemoCard { ReaderId = reader.ReaderId, CardUid = DemoMembers.UnknownCardUid, Label = "未登记的卡 Unknown card" });
            info.DemoCards.Add(new DemoCard { ReaderId = reader.ReaderId, CardUid = DemoStaff.CardUid, Label = DemoStaff.Label });
        }

        return Task.FromResult(info);
    }

    public override Task<HeartbeatReply> Heartbeat(HeartbeatRequest request, ServerCallContext context)
    {
        heartbeat.Beat();
        return Task.FromResult(new HeartbeatReply { IntervalSeconds = (uint)heartbeat.Interval.TotalSeconds });
    }

    /// <summary>
    /// The member's own statement, from their own screen: no technician credentials, but only for
    /// the member screen on show (INVALID_ARGUMENT without a session id, FAILED_PRECONDITION once
    /// the screen moved on).
    /// </summary>
    public override Task<PrintStatementReply> PrintStatement(PrintStatementRequest request, ServerCallContext context)
    {
        if (request.SessionId.Length is 0 or > 64)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "session_id is required, at most 64 characters"));
        }

        var view = statements.Print(request.SessionId)
            ?? throw Refusal.Create(StatusCode.FailedPrecondition, RefusalReason.SessionExpired, "The member's screen is no longer shown; tap the card again.");
        return Task.FromResult(new PrintStatementReply { State = view.State, Reason = view.Reason });
    }

    /// <summary>
    /// The screen, as it changes, until the page goes away or the agent stops. The stream ends at
    /// once when the agent is asked to stop: the web server waits for open requests before it lets
    /// the rest of the agent stop, and a screen stream never ends by itself (a shutdown took the
    /// whole 30 s host timeout and could not announce itself to central). The page reconnects.
    /// </summary>
    public override async Task WatchScreen(WatchScreenRequest request, IServerStreamWriter<Contracts.V1.Screen> responseStream, ServerCallContext context)
    {
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        try
        {
            await foreach (var current in screen.WatchAsync(watching.Token).ConfigureAwait(false))
            {
                await responseStream.WriteAsync(current, watching.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // Stopping: end the stream cleanly.
        }
    }
}
