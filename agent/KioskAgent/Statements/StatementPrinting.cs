using System.Globalization;
using KioskAgent.Contracts.V1;
using KioskAgent.Hardware.Devices;
using KioskAgent.Hardware.Printer;
using KioskAgent.Hardware.Printer.Queue;
using KioskAgent.Hardware.Printer.Receipts;
using KioskAgent.Hosting;
using KioskAgent.Members;
using KioskAgent.Printing;
using KioskAgent.Rewards;
using KioskAgent.Screen;
using Microsoft.Extensions.Options;

namespace KioskAgent.Statements;

/// <summary>
/// Print my statement (打印账户明细): the member on screen prints the BalanceStatement receipt with
/// what their screen shows (masked name and card, balance, points, points expiring) and their recent
/// activity. Only while that member screen is shown, once per screen (a second touch answers with
/// the first print's state instead of printing again); the printer's state follows on the screen.
/// </summary>
public sealed partial class StatementPrinting(
    ScreenBroadcaster screen,
    ReceiptPrinting printing,
    SiteCalendar calendar,
    IOptions<KioskOptions> kiosk,
    IOptionsMonitor<RedemptionPolicy> policy,
    TimeProvider time,
    ILogger<StatementPrinting> logger)
{
    /// <summary>A receipt, not a ledger: the latest few lines fit on a short slip.</summary>
    public const int MaxRecentLines = 8;

    private static readonly ReceiptTemplates Templates = new();

    private readonly Lock _gate = new();
    private StatementSession? _session;
    private StatementPrintView? _printed;

    public void Begin(StatementSession session)
    {
        lock (_gate)
        {
            _session = session;
            _printed = null;
        }
    }

    /// <summary>The print's state; null when <paramref name="sessionId"/> is not the member screen on show.</summary>
    public StatementPrintView? Print(string sessionId)
    {
        Task<PrintJobResult>? completion;
        StatementPrintView view;
        lock (_gate)
        {
            var current = screen.Current;
            if (_session is not { } session || session.SessionId != sessionId
                || current.ViewCase != Contracts.V1.Screen.ViewOneofCase.Member || current.Member.TransactionId != sessionId)
            {
                return null;
            }

            if (_printed is { } already)
            {
                return already.Clone();
            }

            var health = printing.Health;
            completion = printing.Print($"statement-{sessionId}", Templates.Render(Statement(session, current.Member)));
            view = completion is null
                ? new StatementPrintView { State = VoucherPrintState.NoPrinter, Reason = VoucherPrinting.NoPrinter }
                : health is { State: Hardware.Devices.DeviceState.Ok or Hardware.Devices.DeviceState.Degraded }
                    ? new StatementPrintView { State = VoucherPrintState.Printing }
                    : new StatementPrintView { State = VoucherPrintState.Queued, Reason = health?.Reason ?? PrinterReasons.NotChecked };
            _printed = view;
        }

        Show(sessionId, view);
        if (completion is not null)
        {
            _ = FollowAsync(sessionId, completion);
        }

        return view.Clone();
    }

    private async Task FollowAsync(string sessionId, Task<PrintJobResult> completion)
    {
        var result = await completion.ConfigureAwait(false);
        var view = new StatementPrintView { State = result.Printed ? VoucherPrintState.Printed : VoucherPrintState.Failed, Reason = result.Printed ? "" : result.Reason };
        lock (_gate)
        {
            if (_session?.SessionId == sessionId)
            {
                _printed = view;
            }
        }

        Show(sessionId, view);
        LogPrinted(result.Printed, result.Reason);
    }

    private void Show(string sessionId, StatementPrintView view) => screen.UpdateMember(sessionId, m => m.Statement = view.Clone());

    private BalanceStatement Statement(StatementSession session, MemberView member)
    {
        var zone = calendar.Zone;
        var store = policy.CurrentValue.StoreName;
        return new BalanceStatement(
            StoreName: store.Length > 0 ? store : kiosk.Value.SiteId,
            MaskedName: member.MaskedName,
            MaskedCardNumber: member.MaskedCard,
            LevelName: member.Level,
            Balance: member.Balance is { } balance ? balance.AmountMinor / 100m : 0m,
            Points: Clamp(member.Points),
            PointsExpiringSoon: Clamp(member.ExpiringPoints),
            PointsExpireOn: DateOnly.TryParseExact(member.ExpiringOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null,
            RecentTransactions: [.. session.Recent.Take(MaxRecentLines).Select(l => Entry(l, zone))],
            PrintedAt: TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone),
            ReferenceId: session.SessionId);
    }

    private static StatementEntry Entry(MemberActivityLine line, TimeZoneInfo zone) => new(
        TimeZoneInfo.ConvertTime(line.At, zone),
        line.Kind switch
        {
            "purchase" => "消费",
            "check_in" => "签到",
            "redemption" => "积分兑换",
            "top_up" => "充值",
            _ => "交易",
        },
        line.AmountMinor != 0 ? line.AmountMinor / 100m : null,
        line.PointsDelta != 0 ? Clamp(line.PointsDelta) : null);

    private static int Clamp(long value) => (int)Math.Clamp(value, int.MinValue, int.MaxValue);

    [LoggerMessage(Level = LogLevel.Information, Message = "Statement printed: {Printed} ({Reason})")]
    private partial void LogPrinted(bool printed, string reason);
}
