using System.Text;
using Google.Protobuf;
using KioskAgent.Contracts.V1;
using KioskAgent.Rewards;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Serial;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// A handheld QR scanner on a real serial pty (socat) feeding a real agent: a printed voucher scanned
/// at the open voucher desk is shown and its use is journaled with source "scanner"; a member QR
/// scanned while idle shows the member; a 2,000-character garbage line is refused, counted and
/// reported, and the next scan works.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class CodeScannerAgentTests : IAsyncLifetime
{
    private const string GoldCard = "04A1B2C3D4E5F6";

    // Demo member 王小明's digital card (DemoMembers).
    private const string WangCode = "KM1:demo-member-80001001";
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
    private SocatPtyPair _pty = null!;

    public async Task InitializeAsync() => _pty = await SocatPtyPair.StartAsync();

    public async Task DisposeAsync() => await _pty.DisposeAsync();

    [Fact]
    public async Task AVoucherScannedAtTheOpenDesk_IsShown_AndItsUse_IsJournaledAsFromTheScanner()
    {
        var extra = new Dictionary<string, string>(ScannerSettings()) { ["Staff__TestSession__StaffId"] = "s-001", ["Staff__TestSession__DisplayName"] = "Wang Fang" };
        await using var agent = await AgentProcess.StartAsync(new AgentSettings { Demo = true, EmbeddedBroker = true, Extra = extra });
        var scanner = await WaitForScannerAsync(agent, "opened");
        var (code, transactionId) = await RedeemAsync(agent);
        var desk = new VoucherService.VoucherServiceClient(agent.Channel);
        await desk.OpenVoucherDeskAsync(new OpenVoucherDeskRequest());

        await ScanAsync(VoucherCode.QrPayload(code, transactionId));
        var shown = await ScreenReader.WaitForAsync(agent.Channel, s => s.VoucherDesk?.Voucher?.Code == code, "the scanned voucher on the desk");
        Assert.Equal(VoucherState.Valid, shown.VoucherDesk.Voucher.State);
        Assert.True((await desk.MarkVoucherUsedAsync(new MarkVoucherUsedRequest { Code = code })).Voucher.UsedNow);

        var use = Parser.Parse<Transaction>(new JournalFile(agent.Settings.DataDirectory).Entries().Single(e => e.Kind == "voucher_use").Payload).VoucherUse;
        Assert.Equal(("scanner", code), (use.Source, use.VoucherCode));
        Assert.Equal(("scanner", "Serial"), (scanner.Kind, scanner.Driver));

        await ScanAsync(new string('Z', 2000));
        await WaitForScannerAsync(agent, "last scan refused: too_long");
        await ScanAsync(VoucherCode.QrPayload(code, transactionId));
        await ScreenReader.WaitForAsync(agent.Channel, s => s.VoucherDesk?.Voucher is { Code: var c, State: VoucherState.Used } && c == code, "the voucher scanned again, now used");
        Assert.DoesNotContain(code, agent.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGarbageLine_IsRefusedAndCounted_AndAMemberQrScannedWhileIdle_ShowsTheMember()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var settings = new AgentSettings { Demo = true, BrokerPort = broker.Port, Extra = new Dictionary<string, string>(ScannerSettings()) { ["Central__TelemetrySeconds"] = "1" } };
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, HealthReports.Topic(settings));
        await using var agent = await AgentProcess.StartAsync(settings);
        await WaitForScannerAsync(agent, "opened");
        await ScreenReader.WaitForAsync(agent.Channel, s => s.Idle is not null, "the idle screen");

        await ScanAsync(new string('#', 1000) + "\u0007" + new string('#', 999));
        await ScanAsync(WangCode);
        var shown = await ScreenReader.WaitForAsync(agent.Channel, s => s.Member?.MaskedName == "王*明", "王小明 on the screen");

        Assert.StartsWith("QR ****", shown.Member.MaskedCard, StringComparison.Ordinal);
        var report = await Eventually.ValueAsync(
            () => HealthReports.Latest(probe) is { } r && r.Counter("scanner.codes.member") == 1 ? r : null,
            "a health report counting the member code");
        Assert.Equal(1, report.Counter("scanner.read_failures.too_long"));
        Assert.Contains(report.Devices, d => d.DeviceId == "scanner-1" && d.Kind == "scanner" && d.State == Contracts.V1.DeviceState.Ok);
        Assert.DoesNotContain("demo-member-80001001", agent.Output, StringComparison.Ordinal);
    }

    private static async Task<(string Code, string TransactionId)> RedeemAsync(AgentProcess agent)
    {
        var member = await MemberTaps.TapAsync(agent, GoldCard);
        var redemption = new GiftRedemption.GiftRedemptionClient(agent.Channel);
        await redemption.ChooseGiftAsync(new ChooseGiftRequest { SessionId = member.TransactionId, GiftCode = "mug" });
        var reply = await redemption.ConfirmRedemptionAsync(new ConfirmRedemptionRequest { SessionId = member.TransactionId, GiftCode = "mug" });
        using var holds = new RedemptionHoldStore(Path.Combine(agent.Settings.DataDirectory, Journal.TransactionJournal.FileName));
        return (holds.FindByTransaction(reply.TransactionId)!.VoucherCode, reply.TransactionId);
    }

    private static Task<DeviceStatus> WaitForScannerAsync(AgentProcess agent, string reasonStart)
    {
        var devices = new Contracts.V1.Devices.DevicesClient(agent.Channel);
        return Eventually.ValueAsync(
            () => devices.ListDevices(new ListDevicesRequest()).Devices.FirstOrDefault(d => d.DeviceId == "scanner-1" && d.State == Contracts.V1.DeviceState.Ok && d.Reason.StartsWith(reasonStart, StringComparison.Ordinal)),
            $"scanner-1 ok ({reasonStart}); agent output:\n{agent.Output}",
            TimeSpan.FromSeconds(60));
    }

    private Dictionary<string, string> ScannerSettings() => new()
    {
        ["Devices__Scanners__0__Id"] = "scanner-1",
        ["Devices__Scanners__0__Kind"] = "Serial",
        ["Devices__Scanners__0__DevicePath"] = _pty.PathA,
    };

    /// <summary>Types a line as a USB-CDC scanner does: the code, then CR LF.</summary>
    private async Task ScanAsync(string code)
    {
        await using var device = new FileStream(_pty.PathB, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        await device.WriteAsync(Encoding.ASCII.GetBytes(code + "\r\n"));
        await device.FlushAsync();
    }
}
