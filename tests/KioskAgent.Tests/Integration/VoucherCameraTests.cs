using KioskAgent.Contracts.V1;
using KioskAgent.Rewards;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// A printed voucher's QR shown to the camera (real agent, file-fed camera, real libzbar) goes to the
/// voucher desk while staff have it open, and, once it is closed, to nobody again: the member is
/// told vouchers are for staff.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class VoucherCameraTests
{
    private const string GoldCard = "04A1B2C3D4E5F6";
    private readonly CameraFrames _camera = new();

    [Fact]
    public async Task AVoucherQr_IsLookedUpByTheOpenDesk_AndAfterItClosed_IsForStaffAgain()
    {
        var extra = new Dictionary<string, string>(_camera.AgentSettings()) { ["Staff__TestSession__StaffId"] = "s-001", ["Staff__TestSession__DisplayName"] = "Wang Fang" };
        await using var agent = await AgentProcess.StartAsync(new AgentSettings { Demo = true, EmbeddedBroker = true, Extra = extra });
        await ScreenReader.WaitForAsync(agent.Channel, s => s.Idle?.QrAccepted == true, "the camera to take QR codes");
        var member = await MemberTaps.TapAsync(agent, GoldCard);
        var redemption = new GiftRedemption.GiftRedemptionClient(agent.Channel);
        await redemption.ChooseGiftAsync(new ChooseGiftRequest { SessionId = member.TransactionId, GiftCode = "mug" });
        var reply = await redemption.ConfirmRedemptionAsync(new ConfirmRedemptionRequest { SessionId = member.TransactionId, GiftCode = "mug" });
        string code;
        using (var holds = new RedemptionHoldStore(Path.Combine(agent.Settings.DataDirectory, Journal.TransactionJournal.FileName)))
        {
            code = holds.FindByTransaction(reply.TransactionId)!.VoucherCode;
        }

        var desk = new KioskAgent.Contracts.V1.VoucherService.VoucherServiceClient(agent.Channel);
        await desk.OpenVoucherDeskAsync(new OpenVoucherDeskRequest());
        _camera.Show(VoucherCode.QrPayload(code, reply.TransactionId));
        var shown = await ScreenReader.WaitForAsync(agent.Channel, s => s.VoucherDesk?.Voucher?.Code == code, "the scanned voucher on the desk");
        Assert.Equal(VoucherState.Valid, shown.VoucherDesk.Voucher.State);
        Assert.True((await desk.MarkVoucherUsedAsync(new MarkVoucherUsedRequest { Code = code })).Voucher.UsedNow);

        await desk.CloseVoucherDeskAsync(new CloseVoucherDeskRequest());
        _camera.Nothing();
        await Task.Delay(3000); // longer than GoneAfterMs: the code has left the view
        _camera.Show(VoucherCode.QrPayload(code, reply.TransactionId));
        await ScreenReader.WaitForAsync(agent.Channel, s => s.Refusal?.ReasonCode == "qr_voucher_staff_only", "the voucher to be for staff again");
        Assert.DoesNotContain(code, agent.Output, StringComparison.Ordinal);
    }
}
