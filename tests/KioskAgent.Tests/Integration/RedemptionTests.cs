using Google.Protobuf;
using KioskAgent.Central;
using KioskAgent.Central.Redemptions;
using KioskAgent.Contracts.V1;
using KioskAgent.Hardware.Printer.Decoding;
using KioskAgent.Rewards;
using KioskAgent.Tests.Hardware.Printer;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Serial;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// Points redemption end to end: the real agent (demo members and gifts), a real mosquitto, the
/// reference central judging redemptions, and a receipt printer on a socat pty. The voucher is
/// checked by decoding the bytes the printer received; the transaction by reading it off the broker;
/// the hold by reading the kiosk's journal file.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class RedemptionTests : IAsyncLifetime
{
    /// <summary>王小明, gold, 36,520 points in the demo data.</summary>
    private const string GoldCard = "04A1B2C3D4E5F6";
    private const string GoldMember = "80001001";

    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    private readonly RedemptionJudge _judge = new();
    private MosquittoBroker _broker = null!;
    private SocatPtyPair _pty = null!;
    private FakeEscPosDevice _printer = null!;
    private ReferenceCentral _central = null!;
    private AgentProcess? _agent;

    private AgentProcess Agent => _agent!;

    private GiftRedemption.GiftRedemptionClient Redemption => new(Agent.Channel);

    private string KioskBase => $"kiosk/v1/{Agent.Settings.SiteId}/{Agent.Settings.KioskId}";

    public async Task InitializeAsync()
    {
        _broker = await MosquittoBroker.StartAsync();
        _pty = await SocatPtyPair.StartAsync();
        _printer = FakeEscPosDevice.OnPty(_pty.PathB);
        _central = await ReferenceCentral.StartAsync("127.0.0.1", _broker.Port, new ReferenceCentralOptions { Signer = TestCentralKey.Signer, Judge = _judge.Judge });
    }

    public async Task DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }

        await _central.DisposeAsync();
        _printer.Dispose();
        await _pty.DisposeAsync();
        await _broker.DisposeAsync();
    }

    [Fact]
    public async Task Redeem_PrintsTheVoucher_SendsTheRedemptionToCentral_AndCentralConfirmsIt()
    {
        await StartAgentAsync();
        await using var txProbe = await MqttProbe.ConnectAsync(_broker.Port, $"{KioskBase}/tx");

        var member = await TapAsync(GoldCard);
        Assert.True(member.RedemptionOffered);
        Assert.Equal(36_520, member.Points);

        await Redemption.OpenGiftsAsync(new OpenGiftsRequest { SessionId = member.TransactionId });
        var list = (await ScreenReader.CurrentAsync(Agent.Channel)).GiftList;
        Assert.False(list.Offline);
        Assert.True(list.Gifts.Single(g => g.Code == "mug").Eligible);
        Assert.Equal("gift_out_of_stock", list.Gifts.Single(g => g.Code == "voucher-50").ReasonCode);

        await Redemption.ChooseGiftAsync(new ChooseGiftRequest { SessionId = member.TransactionId, GiftCode = "mug" });
        var confirm = (await ScreenReader.CurrentAsync(Agent.Channel)).RedemptionConfirm;
        Assert.Equal((36_520L, 35_720L), (confirm.PointsBefore, confirm.PointsAfter));

        var reply = await Redemption.ConfirmRedemptionAsync(new ConfirmRedemptionRequest { SessionId = member.TransactionId, GiftCode = "mug" });
        Assert.Equal("", reply.ReasonCode);
        var done = (await ScreenReader.CurrentAsync(Agent.Channel)).RedemptionDone;
        Assert.True(VoucherCode.IsValid(done.VoucherCode));
        Assert.Equal((800L, 35_720L, reply.TransactionId), (done.PointsSpent, done.PointsLeft, done.TransactionId));

        // The voucher, as the printer received it.
        var qr = VoucherCode.QrPayload(done.VoucherCode, reply.TransactionId);
        await Eventually.TrueAsync(() => EscPosDecoder.Decode(_printer.Received).QrPayloads.Contains(qr), "the voucher to print");
        var voucher = EscPosDecoder.Decode(_printer.Received);
        Assert.Contains(voucher.VisibleLines, l => l.Contains("积分兑换凭证", StringComparison.Ordinal));
        Assert.Contains(voucher.VisibleLines, l => l.Contains("马克杯 Mug", StringComparison.Ordinal));
        Assert.Contains(voucher.VisibleLines, l => l.Contains("王*明", StringComparison.Ordinal));
        Assert.Contains(voucher.VisibleLines, l => l.Contains(done.VoucherCode, StringComparison.Ordinal));
        Assert.DoesNotContain(voucher.VisibleLines, l => l.Contains("王小明", StringComparison.Ordinal));
        await File.WriteAllTextAsync(Path.Combine(TestPaths.Artifacts("integration"), "redemption-voucher.html"), ReceiptHtmlRenderer.Render(voucher, title: "Redemption voucher"));
        await File.WriteAllLinesAsync(Path.Combine(TestPaths.Artifacts("integration"), "redemption-voucher.txt"), [.. voucher.VisibleLines, .. voucher.QrPayloads.Select(q => $"[QR] {q}")]);
        await ScreenReader.WaitForAsync(Agent.Channel, s => s.RedemptionDone?.PrintState == VoucherPrintState.Printed, "the done screen to say the voucher printed");

        // The transaction, as it went over the broker.
        var sent = await Eventually.ValueAsync(() => Redemptions(txProbe).FirstOrDefault(t => t.Id == reply.TransactionId), "the redemption on the broker");
        Assert.Equal(
            (GoldMember, "mug", 1, 800L, false, done.VoucherCode),
            (sent.Redemption.MemberNumber, sent.Redemption.GiftCode, sent.Redemption.Quantity, sent.Redemption.Points, sent.Redemption.Offline, sent.Redemption.VoucherCode));
        Assert.NotEmpty(sent.Redemption.HoldId);
        Assert.Equal(member.TransactionId, sent.Redemption.TapTransactionId);

        // Central accepted it; the kiosk's hold is confirmed and the points stay spent.
        await Eventually.TrueAsync(() => HoldState(reply.TransactionId) == Rewards.HoldState.Confirmed, "the kiosk to see central's confirmation");
        Assert.Equal(TransactionOutcome.Accepted, _central.Transactions.Store.Find(reply.TransactionId)?.Outcome);
        Assert.Equal(35_720, (await TapAsync(GoldCard)).Points);
    }

    [Fact]
    public async Task Offline_ARedemptionWithinTheDailyLimitGoesAhead_OneBeyondItIsRefusedWithTheReason()
    {
        await StartAgentAsync(("Redemption__OfflineMode", "AllowUpToDailyLimit"), ("Redemption__OfflineDailyPointsLimit", "1000"));
        await _broker.StopAsync();
        var member = await TapAsync(GoldCard);
        var list = await OpenGiftsUntilAsync(member.TransactionId, l => l.Offline, "the gift list to say the kiosk is offline");
        Assert.True(list.Gifts.Single(g => g.Code == "mug").Eligible);

        await Redemption.ChooseGiftAsync(new ChooseGiftRequest { SessionId = member.TransactionId, GiftCode = "mug" });
        var first = await Redemption.ConfirmRedemptionAsync(new ConfirmRedemptionRequest { SessionId = member.TransactionId, GiftCode = "mug" });
        Assert.Equal("", first.ReasonCode);
        Assert.True((await ScreenReader.CurrentAsync(Agent.Channel)).RedemptionDone.Offline);

        // 800 of 1,000 offline points used today: another mug (800) is over the limit.
        await Redemption.OpenGiftsAsync(new OpenGiftsRequest { SessionId = member.TransactionId });
        var after = (await ScreenReader.CurrentAsync(Agent.Channel)).GiftList;
        Assert.Equal(35_720, after.AvailablePoints);
        Assert.Equal("offline_limit", after.Gifts.Single(g => g.Code == "mug").ReasonCode);
        var second = await Redemption.ChooseGiftAsync(new ChooseGiftRequest { SessionId = member.TransactionId, GiftCode = "mug" });
        Assert.Equal("offline_limit", second.ReasonCode);
        var refused = (await ScreenReader.CurrentAsync(Agent.Channel)).GiftList;
        Assert.Equal("offline_limit", refused.NoticeCode);
        Assert.Contains("离线兑换上限", refused.Notice, StringComparison.Ordinal);

        // Back online, the offline redemption reaches central and is confirmed.
        await _broker.StartAgainAsync();
        await Eventually.TrueAsync(() => HoldState(first.TransactionId) == Rewards.HoldState.Confirmed, "central to confirm the offline redemption", TimeSpan.FromSeconds(40));
        var stored = _central.Transactions.Store.Find(first.TransactionId)!;
        Assert.True(Parser.Parse<Transaction>(stored.Payload).Redemption.Offline);
    }

    [Fact]
    public async Task CentralRejection_ReleasesTheHold_ReturnsTheStock_AndTellsTheMemberOnTheNextTap()
    {
        _judge.Refuse("umbrella", "gift_out_of_stock");
        await StartAgentAsync(("Central__TelemetrySeconds", "1"));
        var member = await TapAsync(GoldCard);
        await Redemption.OpenGiftsAsync(new OpenGiftsRequest { SessionId = member.TransactionId });
        var stockBefore = (await ScreenReader.CurrentAsync(Agent.Channel)).GiftList.Gifts.Single(g => g.Code == "umbrella").Stock;

        await Redemption.ChooseGiftAsync(new ChooseGiftRequest { SessionId = member.TransactionId, GiftCode = "umbrella" });
        var reply = await Redemption.ConfirmRedemptionAsync(new ConfirmRedemptionRequest { SessionId = member.TransactionId, GiftCode = "umbrella" });
        Assert.Equal("", reply.ReasonCode);
        Assert.Equal(34_020, (await ScreenReader.CurrentAsync(Agent.Channel)).RedemptionDone.PointsLeft);

        await Eventually.TrueAsync(() => HoldState(reply.TransactionId) == Rewards.HoldState.Released, "central's rejection to release the hold");
        Assert.Equal(TransactionOutcome.Rejected, _central.Transactions.Store.Find(reply.TransactionId)?.Outcome);

        var next = await TapAsync(GoldCard);
        Assert.Equal(36_520, next.Points);
        var notice = Assert.Single(next.RedemptionNotices);
        Assert.Equal(("雨伞 Umbrella", "gift_out_of_stock", 2_500L), (notice.GiftName, notice.ReasonCode, notice.PointsReturned));
        Assert.Contains("未获确认", notice.Message, StringComparison.Ordinal);
        Assert.Contains("2,500 积分已退回", notice.Message, StringComparison.Ordinal);

        await Redemption.OpenGiftsAsync(new OpenGiftsRequest { SessionId = next.TransactionId });
        var list = (await ScreenReader.CurrentAsync(Agent.Channel)).GiftList;
        Assert.Equal(stockBefore, list.Gifts.Single(g => g.Code == "umbrella").Stock);
        Assert.Equal(36_520, list.AvailablePoints);

        // Told once.
        await Redemption.LeaveGiftsAsync(new LeaveGiftsRequest { SessionId = next.TransactionId, Finish = true });
        Assert.Empty((await TapAsync(GoldCard)).RedemptionNotices);

        // Ops see it in the kiosk's health report.
        await using var health = await MqttProbe.ConnectAsync(_broker.Port, $"{KioskBase}/health");
        await Eventually.TrueAsync(
            () => health.Messages.Select(m => Parser.Parse<HealthReport>(m.Payload).Counters).Any(c => c.GetValueOrDefault("redemptions.rejected.gift_out_of_stock") == 1 && c.TryGetValue("redemptions.held", out var held) && held == 0),
            "the health report to count the rejection");
    }

    [Fact]
    public async Task AConfirmationWithoutItsScreen_OrWithoutASession_IsRefusedWithItsStatus_AndNothingIsHeld()
    {
        await StartAgentAsync();
        var member = await TapAsync(GoldCard);

        var skipped = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () =>
            await Redemption.ConfirmRedemptionAsync(new ConfirmRedemptionRequest { SessionId = member.TransactionId, GiftCode = "mug" }));
        var empty = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () =>
            await Redemption.ConfirmRedemptionAsync(new ConfirmRedemptionRequest { SessionId = "", GiftCode = "mug" }));
        var huge = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () =>
            await Redemption.ChooseGiftAsync(new ChooseGiftRequest { SessionId = member.TransactionId, GiftCode = new string('g', 20_000) }));

        Assert.Equal(Grpc.Core.StatusCode.FailedPrecondition, skipped.StatusCode);
        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, empty.StatusCode);
        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, huge.StatusCode);
        Assert.True(huge.Status.Detail.Length < 200, "the error does not echo what was sent");
        using var holds = new RedemptionHoldStore(JournalPath);
        Assert.Empty(holds.ForMember(GoldMember).All);
    }

    [Fact]
    public async Task AStepOfAnEndedSession_IsRefused()
    {
        await StartAgentAsync();
        var member = await TapAsync(GoldCard);
        await Redemption.LeaveGiftsAsync(new LeaveGiftsRequest { SessionId = member.TransactionId, Finish = true });

        var error = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () =>
            await Redemption.ConfirmRedemptionAsync(new ConfirmRedemptionRequest { SessionId = member.TransactionId, GiftCode = "mug" }));

        Assert.Equal(Grpc.Core.StatusCode.FailedPrecondition, error.StatusCode);
        using var holds = new RedemptionHoldStore(JournalPath);
        Assert.Empty(holds.ForMember(GoldMember).All);
    }

    private string JournalPath => Path.Combine(Agent.Settings.DataDirectory, Journal.TransactionJournal.FileName);

    private async Task StartAgentAsync(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["Devices__Discovery__PeriodMs"] = "300",
            ["Devices__Discovery__ScanDevicePaths"] = "false",
            ["Devices__Discovery__Pinned__0__Id"] = "receipt-printer",
            ["Devices__Discovery__Pinned__0__Bus"] = "serial",
            ["Devices__Discovery__Pinned__0__Address"] = _pty.PathA,
            ["Devices__Discovery__Pinned__0__Driver"] = "escpos",
            ["Printing__StatusPollMs"] = "200",
            ["Screen__ClearAfterSeconds"] = "120",
            ["Redemption__ClearAfterSeconds"] = "120",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        _agent = await AgentProcess.StartAsync(new AgentSettings { Demo = true, BrokerPort = _broker.Port, Extra = settings });
        await using var state = await MqttProbe.ConnectAsync(_broker.Port, $"{KioskBase}/state");
        await Eventually.TrueAsync(() => state.Messages.Any(m => m.Payload.Contains("\"online\"", StringComparison.Ordinal)), "the kiosk to be online");
    }

    private Task<MemberView> TapAsync(string card) => MemberTaps.TapAsync(Agent, card);

    private async Task<GiftListView> OpenGiftsUntilAsync(string session, Func<GiftListView, bool> match, string what)
    {
        var deadline = DateTime.UtcNow + Eventually.DefaultTimeout;
        while (DateTime.UtcNow < deadline)
        {
            await Redemption.OpenGiftsAsync(new OpenGiftsRequest { SessionId = session });
            var list = (await ScreenReader.CurrentAsync(Agent.Channel)).GiftList;
            if (match(list))
            {
                return list;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Timed out waiting for {what}.");
    }

    private Rewards.HoldState? HoldState(string transactionId)
    {
        using var holds = new RedemptionHoldStore(JournalPath);
        return holds.FindByTransaction(transactionId)?.State;
    }

    private static IEnumerable<Transaction> Redemptions(MqttProbe probe) =>
        TxMessages.Payloads(probe.Messages).Select(Parser.Parse<Transaction>).Where(t => t.BodyCase == Transaction.BodyOneofCase.Redemption);
}
