using Grpc.Core;
using KioskAgent.Api.Refusals;
using KioskAgent.Contracts.V1;
using KioskAgent.Rewards;

namespace KioskAgent.Api;

/// <summary>
/// The UI's redemption steps; the screens follow on WatchScreen. A missing or over-long session id
/// or gift code is INVALID_ARGUMENT; a session whose screen is gone, or a confirmation of a gift
/// whose confirmation screen is not on show, is FAILED_PRECONDITION.
/// </summary>
public sealed class GiftRedemptionGrpcService(RedemptionService redemption) : GiftRedemption.GiftRedemptionBase
{
    private const int MaxIdLength = 64;

    public override async Task<RedemptionReply> OpenGifts(OpenGiftsRequest request, ServerCallContext context) =>
        Reply(await redemption.OpenGiftsAsync(Session(request.SessionId), context.CancellationToken).ConfigureAwait(false));

    public override async Task<RedemptionReply> ChooseGift(ChooseGiftRequest request, ServerCallContext context) =>
        Reply(await redemption.ChooseGiftAsync(Session(request.SessionId), Gift(request.GiftCode), context.CancellationToken).ConfigureAwait(false));

    public override async Task<RedemptionReply> ConfirmRedemption(ConfirmRedemptionRequest request, ServerCallContext context) =>
        Reply(await redemption.ConfirmAsync(Session(request.SessionId), Gift(request.GiftCode), context.CancellationToken).ConfigureAwait(false));

    public override async Task<RedemptionReply> LeaveGifts(LeaveGiftsRequest request, ServerCallContext context) =>
        Reply(await redemption.LeaveAsync(Session(request.SessionId), request.Finish, context.CancellationToken).ConfigureAwait(false));

    private static string Session(string sessionId) => Required(sessionId, "session_id");

    private static string Gift(string giftCode) => Required(giftCode, "gift_code");

    /// <summary>The value back, or INVALID_ARGUMENT naming the field (never echoing what was sent).</summary>
    private static string Required(string value, string field) => value.Length is > 0 and <= MaxIdLength
        ? value
        : throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field} is required, at most {MaxIdLength} characters"));

    private static RedemptionReply Reply(RedemptionStep step) => step.ReasonCode switch
    {
        RedemptionTexts.SessionExpired => throw Refusal.Create(StatusCode.FailedPrecondition, RefusalReason.SessionExpired, "The member's screen is no longer shown; tap the card again."),
        RedemptionTexts.NotConfirmable => throw Refusal.Create(StatusCode.FailedPrecondition, RefusalReason.NotConfirmable, "Choose the gift on the gift list first; only the gift on the confirmation screen can be confirmed."),
        _ => new RedemptionReply { ReasonCode = step.ReasonCode, Message = step.Message, TransactionId = step.TransactionId },
    };
}
