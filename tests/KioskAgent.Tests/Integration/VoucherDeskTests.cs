using Grpc.Core;
using KioskAgent.Central;
using KioskAgent.Central.Members;
using KioskAgent.Central.Transactions;
using KioskAgent.Contracts.V1;
using KioskAgent.Demo;
using KioskAgent.Rewards;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// The voucher desk (核销) end to end: two real agents (kiosks A and B, staff sessions opened by the
/// Testing-only setting), one mosquitto, the reference central serving member data and answering
/// voucher queries from the transactions both kiosks sent. A voucher printed at A is used once; a
/// second use is refused with when, where and by whom; a voucher printed at A is used at B while
/// online and refused as "can't check now: offline" at B while the broker is down, when A still
/// decides its own vouchers alone.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class VoucherDeskTests : IAsyncLifetime
{
    private const string GoldCard = "04A1B2C3D4E5F6";

    private readonly TransactionStore _store = new();
    private MosquittoBroker _broker = null!;
    private ReferenceCentral _central = null!;
    private AgentProcess _a = null!;
    private AgentProcess _b = null!;
    private MqttProbe _healthA = null!;

    public async Task InitializeAsync()
    {
        _broker = await MosquittoBroker.StartAsync();
        var members = new CentralMembers(new MemberDataset(DemoMembers.All.Select(m => m.Member.Clone()), DemoMembers.Levels, DemoMembers.Gifts));
        _central = await ReferenceCentral.StartAsync("127.0.0.1", _broker.Port, new ReferenceCentralOptions { Signer = TestCentralKey.Signer, Store = _store, Parts = { members } });
        var a = Staffed("kiosk-a", "Wang Fang");
        _healthA = await MqttProbe.ConnectAsync(_broker.Port, HealthReports.Topic(a));
        _a = await AgentProcess.StartAsync(a);
        _b = await AgentProcess.StartAsync(Staffed("kiosk-b", "Li Lei"));
        await Eventually.TrueAsync(() => HealthReports.Latest(_healthA)?.MemberSync.Version == 1, "kiosk A to load central's snapshot");
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _healthA.DisposeAsync();
        await _central.DisposeAsync();
        _store.Dispose();
        await _broker.DisposeAsync();
    }

    [Fact]
    public async Task AVoucher_IsUsedOnce_AndEveryLaterTry_IsRefusedWithWhenWhereAndWho()
    {
        var code = await RedeemAtAAsync();
        var desk = Desk(_a);
        await desk.OpenVoucherDeskAsync(new OpenVoucherDeskRequest());

        var looked = (await desk.LookupVoucherAsync(new LookupVoucherRequest { Code = code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant() })).Voucher;
        Assert.Equal(VoucherState.Valid, looked.State);
        Assert.Contains("Mug", looked.GiftName, StringComparison.Ordinal);
        Assert.Equal(_a.Settings.KioskId, looked.IssuedKioskId);
        Assert.DoesNotContain("Gold", looked.MaskedMember, StringComparison.Ordinal);

        var used = (await desk.MarkVoucherUsedAsync(new MarkVoucherUsedRequest { Code = code })).Voucher;
        Assert.True(used.UsedNow);
        Assert.Equal(VoucherState.Used, used.State);
        var screen = await ScreenReader.CurrentAsync(_a.Channel);
        Assert.True(screen.VoucherDesk.Voucher.UsedNow);

        var again = (await desk.MarkVoucherUsedAsync(new MarkVoucherUsedRequest { Code = code })).Voucher;
        Assert.False(again.UsedNow);
        Assert.Equal(VoucherState.Used, again.State);
        Assert.Equal("voucher_used", again.ReasonCode);
        Assert.Equal(_a.Settings.KioskId, again.UsedKioskId);
        Assert.Equal("Wang Fang", again.UsedBy);
        Assert.Equal(used.UsedAt, again.UsedAt);

        // Central learns the use as a transaction.
        await Eventually.TrueAsync(() => _central.Vouchers.Answer(code).UsedAt is not null, "central to learn the use");
        Assert.Equal(_a.Settings.KioskId, _central.Vouchers.Answer(code).UsedKioskId);
    }

    [Fact]
    public async Task ManyRequestsAtOnce_ToUseOneVoucher_ExactlyOneWins()
    {
        var code = await RedeemAtAAsync();
        var desk = Desk(_a);
        var tries = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => desk.MarkVoucherUsedAsync(new MarkVoucherUsedRequest { Code = code }).ResponseAsync));

        Assert.Single(tries, t => t.Voucher.UsedNow);
        Assert.All(tries.Where(t => !t.Voucher.UsedNow), t => Assert.Equal("voucher_used", t.Voucher.ReasonCode));
        await Eventually.TrueAsync(() => _store.For(new KioskKey("test-site", _a.Settings.KioskId)).Count(t => t.Kind == "voucher_use") == 1, "central to hold exactly one use");
        Assert.Equal(0, _central.Vouchers.DoubleUses);
    }

    [Fact]
    public async Task AVoucherPrintedAtA_IsUsedAtB_WhenOnline_AndRefusedAtBAsOffline_WhenTheBrokerIsDown()
    {
        var crossing = await RedeemAtAAsync();
        var stranded = await RedeemAtAAsync();
        await Eventually.TrueAsync(() => _central.Vouchers.Answer(stranded).Found, "central to receive A's redemptions");
        var atB = Desk(_b);

        var looked = (await atB.LookupVoucherAsync(new LookupVoucherRequest { Code = crossing })).Voucher;
        Assert.Equal(VoucherState.Valid, looked.State);
        Assert.True(looked.CheckedWithCentral);
        Assert.Equal(_a.Settings.KioskId, looked.IssuedKioskId);
        Assert.True((await atB.MarkVoucherUsedAsync(new MarkVoucherUsedRequest { Code = crossing })).Voucher.UsedNow);

        // A printed it, but B used it: A (online) asks central and refuses it, naming B.
        await Eventually.TrueAsync(() => _central.Vouchers.Answer(crossing).UsedAt is not null, "central to learn B's use");
        var atA = (await Desk(_a).MarkVoucherUsedAsync(new MarkVoucherUsedRequest { Code = crossing })).Voucher;
        Assert.Equal(VoucherState.Used, atA.State);
        Assert.Equal(_b.Settings.KioskId, atA.UsedKioskId);
        Assert.Equal("Li Lei", atA.UsedBy);

        await _broker.StopAsync();
        var offline = await LookupUntilAsync(atB, stranded, VoucherState.Uncheckable);
        Assert.Equal("central_offline", offline.ReasonCode);
        Assert.False((await atB.MarkVoucherUsedAsync(new MarkVoucherUsedRequest { Code = stranded })).Voucher.UsedNow);

        // A printed it: A decides alone.
        var local = (await Desk(_a).MarkVoucherUsedAsync(new MarkVoucherUsedRequest { Code = stranded })).Voucher;
        Assert.True(local.UsedNow);
        Assert.False(local.CheckedWithCentral);
    }

    [Fact]
    public async Task UnknownAndMalformedCodes_AreRefusedClearly()
    {
        var desk = Desk(_a);
        var unknown = (await desk.LookupVoucherAsync(new LookupVoucherRequest { Code = "2222-2222" })).Voucher;
        Assert.Equal(VoucherState.Unknown, unknown.State);
        Assert.True(unknown.CheckedWithCentral);

        var bad = await Assert.ThrowsAsync<RpcException>(() => desk.LookupVoucherAsync(new LookupVoucherRequest { Code = "not a voucher" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Equal("voucher_code_invalid", (await ScreenReader.CurrentAsync(_a.Channel)).VoucherDesk.NoticeCode);
    }

    [Fact]
    public async Task MalformedAndForgedAnswers_AreDeadLettered_AndTheKioskCarriesOn()
    {
        var topic = $"kiosk/v1/test-site/{_a.Settings.KioskId}/vouchers/answer";
        await using var probe = await MqttProbe.ConnectAsync(_broker.Port, "unused/#");
        await probe.PublishAsync(topic, "{not json");
        await probe.PublishAsync(topic, """{"voucherCode":"2222-2222","found":true}""");
        await probe.PublishAsync(topic, """{"voucherCode":"2222-2222","found":false}""", sign: false);

        await Eventually.TrueAsync(() => DeadLetters.Count(_a.Settings.DataDirectory, "voucher_answer", "malformed") == 1, "the malformed answer in the dead-letter log");
        await Eventually.TrueAsync(() => DeadLetters.Count(_a.Settings.DataDirectory, "voucher_answer", "invalid_answer") == 1, "the inconsistent answer in the dead-letter log");
        await Eventually.TrueAsync(() => DeadLetters.Read(_a.Settings.DataDirectory).Count(e => e.Kind == "voucher_answer") == 3, "the unsigned answer in the dead-letter log");
        Assert.Equal(VoucherState.Unknown, (await Desk(_a).LookupVoucherAsync(new LookupVoucherRequest { Code = "2222-2223" })).Voucher.State);
    }

    private static async Task<VoucherCard> LookupUntilAsync(KioskAgent.Contracts.V1.VoucherService.VoucherServiceClient desk, string code, VoucherState state)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
        VoucherCard card;
        do
        {
            card = (await desk.LookupVoucherAsync(new LookupVoucherRequest { Code = code })).Voucher;
            if (card.State == state)
            {
                return card;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"The voucher stayed {card.State}, not {state}.");
    }

    private AgentSettings Staffed(string kioskId, string staffName) => new()
    {
        KioskId = kioskId + "-" + Guid.NewGuid().ToString("N")[..6],
        BrokerPort = _broker.Port,
        Environment = new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Testing" },
        Extra = new Dictionary<string, string>
        {
            ["Staff__TestSession__StaffId"] = "s-" + kioskId,
            ["Staff__TestSession__DisplayName"] = staffName,
            ["Central__TelemetrySeconds"] = "1",
            ["Vouchers__CentralTimeoutSeconds"] = "10",
        },
    };

    private static KioskAgent.Contracts.V1.VoucherService.VoucherServiceClient Desk(AgentProcess agent) => new(agent.Channel);

    private async Task<string> RedeemAtAAsync()
    {
        var member = await MemberTaps.TapAsync(_a, GoldCard);
        var redemption = new GiftRedemption.GiftRedemptionClient(_a.Channel);
        await redemption.ChooseGiftAsync(new ChooseGiftRequest { SessionId = member.TransactionId, GiftCode = "mug" });
        var reply = await redemption.ConfirmRedemptionAsync(new ConfirmRedemptionRequest { SessionId = member.TransactionId, GiftCode = "mug" });
        Assert.Equal("", reply.ReasonCode);
        using var holds = new RedemptionHoldStore(Path.Combine(_a.Settings.DataDirectory, Journal.TransactionJournal.FileName));
        return holds.FindByTransaction(reply.TransactionId)!.VoucherCode;
    }
}
