using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using KioskAgent.Contracts.V1;
using KioskAgent.Hardware.Printer.Decoding;
using KioskAgent.Tests.Hardware.Printer;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Layout;
using KioskAgent.Tests.Testing.Serial;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// Print my statement (打印账户明细) through the real printer path: a real agent, an ESC/POS printer
/// on a socat pty, the receipt decoded from the bytes the printer received.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class StatementPrintTests : IAsyncLifetime
{
    private const string Card = "04C0FFEE000001";
    private const string FullName = "欧阳明月";

    private SocatPtyPair _pty = null!;
    private FakeEscPosDevice _printer = null!;
    private AgentProcess _agent = null!;

    private KioskUi.KioskUiClient Ui => new(_agent.Channel);

    public async Task InitializeAsync()
    {
        _pty = await SocatPtyPair.StartAsync();
        _printer = FakeEscPosDevice.OnPty(_pty.PathB);
        var settings = new Dictionary<string, string>(TestTechnician.Settings)
        {
            ["Devices__Discovery__PeriodMs"] = "300",
            ["Devices__Discovery__ScanDevicePaths"] = "false",
            ["Devices__Discovery__Pinned__0__Id"] = "receipt-printer",
            ["Devices__Discovery__Pinned__0__Bus"] = "serial",
            ["Devices__Discovery__Pinned__0__Address"] = _pty.PathA,
            ["Devices__Discovery__Pinned__0__Driver"] = "escpos",
            ["Printing__StatusPollMs"] = "200",
            ["Screen__ClearAfterSeconds"] = "120",
        };
        _agent = await AgentProcess.StartAsync(new AgentSettings { Demo = true, EmbeddedBroker = true, Extra = settings });
        await LayoutMembers.ImportAsync(_agent.Channel, Batch());
    }

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        _printer.Dispose();
        await _pty.DisposeAsync();
    }

    [Fact]
    public async Task PrintStatement_PrintsTheMemberScreensFigures_MaskedName_RecentActivity_AndShowsThePrinterState()
    {
        var member = await MemberTaps.TapAsync(_agent, Card);
        Assert.True(member.StatementOffered);

        var reply = await Ui.PrintStatementAsync(new PrintStatementRequest { SessionId = member.TransactionId });
        Assert.Equal(VoucherPrintState.Printing, reply.State);
        await ScreenReader.WaitForAsync(_agent.Channel, s => s.Member?.Statement?.State == VoucherPrintState.Printed, "the member screen to say the statement printed");

        var receipt = EscPosDecoder.Decode(_printer.Received);
        var text = string.Join('\n', receipt.VisibleLines);
        Assert.Contains("会员余额对账单", text, StringComparison.Ordinal);
        Assert.Contains(member.MaskedName, text, StringComparison.Ordinal);
        Assert.Contains("*", member.MaskedName, StringComparison.Ordinal);
        Assert.DoesNotContain(FullName, text, StringComparison.Ordinal);
        Assert.Contains("12,345.67", text, StringComparison.Ordinal); // balance
        Assert.Contains("8,888", text, StringComparison.Ordinal); // points
        Assert.Contains("即将过期积分", text, StringComparison.Ordinal);
        Assert.Contains("消费", text, StringComparison.Ordinal);
        Assert.Contains("+120分", text, StringComparison.Ordinal);
        Assert.Contains("积分兑换", text, StringComparison.Ordinal);
        await File.WriteAllLinesAsync(Path.Combine(TestPaths.Artifacts("integration"), "statement.txt"), receipt.VisibleLines);

        // A second touch on the same screen answers with the first print's state and prints nothing more.
        var length = _printer.Received.Length;
        Assert.Equal(VoucherPrintState.Printed, (await Ui.PrintStatementAsync(new PrintStatementRequest { SessionId = member.TransactionId })).State);
        await Task.Delay(500);
        Assert.Equal(length, _printer.Received.Length);
    }

    [Fact]
    public async Task PrintStatement_PaperOut_IsQueuedAndSaysSo()
    {
        _printer.PaperOut = true;
        var devices = new Contracts.V1.Devices.DevicesClient(_agent.Channel);
        await Eventually.ValueAsync(() => devices.ListDevices(new ListDevicesRequest()).Devices.FirstOrDefault(d => d.DeviceId == "receipt-printer" && d.State == DeviceState.Fault), "paper out to show as a fault", TimeSpan.FromSeconds(30));
        var member = await MemberTaps.TapAsync(_agent, Card);

        var reply = await Ui.PrintStatementAsync(new PrintStatementRequest { SessionId = member.TransactionId });

        Assert.Equal((VoucherPrintState.Queued, "paper_end"), (reply.State, reply.Reason));
        var shown = await ScreenReader.CurrentAsync(_agent.Channel);
        Assert.Equal(VoucherPrintState.Queued, shown.Member.Statement.State);
    }

    [Fact]
    public async Task PrintStatement_ForAScreenNoLongerShown_IsRefused()
    {
        var first = await MemberTaps.TapAsync(_agent, Card);
        await MemberTaps.TapAsync(_agent, "04A1B2C3D4E5F6");

        var refused = await Assert.ThrowsAsync<RpcException>(() => Ui.PrintStatementAsync(new PrintStatementRequest { SessionId = first.TransactionId }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        var empty = await Assert.ThrowsAsync<RpcException>(() => Ui.PrintStatementAsync(new PrintStatementRequest()).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, empty.StatusCode);
        Assert.DoesNotContain(EscPosDecoder.Decode(_printer.Received).VisibleLines, l => l.Contains("对账单", StringComparison.Ordinal));
    }

    private static MemberBatch Batch()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var member = new MemberRecord
        {
            MemberNumber = "90000077",
            Name = FullName,
            Level = "gold",
            BalanceMinor = 1_234_567,
            Currency = "CNY",
            Points = 8_888,
            LifetimePoints = 30_000,
            Cards = { new CardRecord { Uid = Card, CardNumber = "6690000077", State = MemberCardState.Active } },
            PointsLots = { new PointsLotRecord { Points = 500, ExpiresOn = today.AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, new PointsLotRecord { Points = 8_388 } },
            Recent = new RecentActivity
            {
                Lines =
                {
                    new ActivityLine { At = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1)), Kind = "purchase", AmountMinor = 12_000, PointsDelta = 120 },
                    new ActivityLine { At = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-3)), Kind = "redemption", PointsDelta = -800 },
                },
            },
        };
        return new MemberBatch { Members = { member } };
    }
}
