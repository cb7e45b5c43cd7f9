using Grpc.Core;
using KioskAgent.Contracts.V1;
using KioskAgent.Rewards;

namespace KioskAgent.Api;

/// <summary>The UI's redemption steps; the screens follow on WatchScreen.</summary>
public sealed class GiftRedemptionGrpcService(RedemptionService redemption) : GiftRedemption.GiftRedemptionBase
{
    public override async Task<RedemptionReply> OpenGifts(OpenGiftsRequest request, ServerCallContext context) =>
        Reply(await redemption.OpenGiftsAsync(request.SessionId, context.CancellationToken).ConfigureAwait(false));

    public override async Task<RedemptionReply> ChooseGift(ChooseGiftRequest request, ServerCallContext context) =>
        Reply(await redemption.ChooseGiftAsync(request.SessionId, request.GiftCode, context.CancellationToken).ConfigureAwait(false));

    public override async Task<RedemptionReply> ConfirmRedemption(ConfirmRedemptionRequest request, ServerCallContext context) =>
        Reply(await redemption.ConfirmAsync(request.SessionId, request.GiftCode, context.CancellationToken).ConfigureAwait(false));

    public override async Task<RedemptionReply> LeaveGifts(LeaveGiftsRequest request, ServerCallContext context) =>
        Reply(await redemption.LeaveAsync(request.SessionId, request.Finish, context.CancellationToken).ConfigureAwait(false));

    private static RedemptionReply Reply(RedemptionStep step) => step.ReasonCode == RedemptionTexts.SessionExpired
        ? throw new RpcException(new Status(StatusCode.FailedPrecondition, "The member's screen is no longer shown; tap the card again."))
        : new RedemptionReply { ReasonCode = step.ReasonCode, Message = step.Message, TransactionId = step.TransactionId };
}
