using System.Globalization;
using KioskAgent.Hardware.Printer.EscPos;

namespace KioskAgent.Hardware.Printer.Receipts;

/// <summary>
/// The kiosk's receipts: data in, ESC/POS bytes out, nothing else (no clock, no I/O). Member names
/// and card numbers must arrive masked; a name without a '*' is refused so a full name never reaches
/// paper by mistake.
/// </summary>
public sealed class ReceiptTemplates(ReceiptLayout? layout = null)
{
    private readonly ReceiptLayout _layout = layout ?? ReceiptLayout.Paper80mm;

    public byte[] Render(BalanceStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        RequireMasked(statement.MaskedName, nameof(statement.MaskedName));
        var b = Header("会员余额对账单", statement.StoreName);
        Pair(b, "会员", statement.MaskedName);
        Pair(b, "卡号", statement.MaskedCardNumber);
        Pair(b, "等级", statement.LevelName);
        Pair(b, "时间", Time(statement.PrintedAt));
        Rule(b);
        b.Bold(true);
        Pair(b, "储值余额", ReceiptText.Money(statement.Balance));
        b.Bold(false);
        Pair(b, "积分", ReceiptText.Number(statement.Points));
        if (statement.PointsExpiringSoon > 0)
        {
            var until = statement.PointsExpireOn is { } date ? $"({date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}前)" : "";
            Pair(b, $"即将过期积分{until}", ReceiptText.Number(statement.PointsExpiringSoon));
        }

        RecentTransactions(b, statement.RecentTransactions);
        return Footer(b, statement.ReferenceId);
    }

    public byte[] Render(GiftVoucher voucher)
    {
        ArgumentNullException.ThrowIfNull(voucher);
        RequireMasked(voucher.MaskedName, nameof(voucher.MaskedName));
        var b = Header("积分兑换凭证", voucher.StoreName);
        Pair(b, "会员", voucher.MaskedName);
        Pair(b, "时间", Time(voucher.RedeemedAt));
        Rule(b);
        b.Bold(true).Line(ReceiptText.Fit(voucher.GiftName, _layout.Columns)).Bold(false);
        Pair(b, "消耗积分", ReceiptText.Number(voucher.PointsSpent));
        Pair(b, "剩余积分", ReceiptText.Number(voucher.PointsLeft));
        Pair(b, "有效期至", voucher.ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Rule(b);
        b.Align(Alignment.Center).QrCode(voucher.QrPayload, moduleSize: 6, QrErrorCorrection.M);
        b.Line($"凭证号 {voucher.VoucherCode}").Line("请出示此凭证领取礼品").Align(Alignment.Left);
        return Footer(b, voucher.VoucherCode);
    }

    public byte[] Render(CheckInTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        RequireMasked(ticket.MaskedName, nameof(ticket.MaskedName));
        var b = Header("签到凭证", ticket.StoreName);
        b.Bold(true).Line(ReceiptText.Fit(ticket.ActivityName, _layout.Columns)).Bold(false);
        Pair(b, "会员", ticket.MaskedName);
        Pair(b, "签到时间", Time(ticket.CheckedInAt));
        Pair(b, "签到序号", $"第 {ticket.Sequence} 位");
        if (ticket.PointsAwarded > 0)
        {
            Pair(b, "获得积分", "+" + ReceiptText.Number(ticket.PointsAwarded));
        }

        Rule(b);
        b.Align(Alignment.Center).Code128(ticket.TicketId).Align(Alignment.Left);
        return Footer(b, ticket.TicketId);
    }

    public byte[] Render(PrizeDrawResult draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        var b = Header("抽奖结果", draw.StoreName);
        b.Bold(true).Line(ReceiptText.Fit(draw.ActivityName, _layout.Columns)).Bold(false);
        Pair(b, "开奖时间", Time(draw.DrawnAt));
        Rule(b);
        foreach (var tier in draw.Winners.GroupBy(w => (w.Tier, w.PrizeName)))
        {
            b.Bold(true).Line(ReceiptText.Fit($"{tier.Key.Tier} {tier.Key.PrizeName}", _layout.Columns)).Bold(false);
            foreach (var winner in tier)
            {
                RequireMasked(winner.MaskedName, nameof(winner.MaskedName));
                Pair(b, "  " + winner.MaskedName, winner.MaskedCardNumber);
            }
        }

        Rule(b);
        b.Line(ReceiptText.Fit($"验证码 {draw.VerificationCode}", _layout.Columns));
        if (draw.VerificationQrPayload is { Length: > 0 } qr)
        {
            b.Align(Alignment.Center).QrCode(qr, moduleSize: 4, QrErrorCorrection.M).Line("扫码核验抽奖过程").Align(Alignment.Left);
        }

        return Footer(b, null);
    }

    private EscPosBuilder Header(string title, string storeName)
    {
        var b = new EscPosBuilder().Initialize().Align(Alignment.Center);
        b.Bold(true).CharacterSize(2, 2).Line(ReceiptText.Fit(title, _layout.Columns / 2)).NormalSize().Bold(false);
        b.Line(ReceiptText.Fit(storeName, _layout.Columns)).Align(Alignment.Left);
        Rule(b);
        return b;
    }

    private byte[] Footer(EscPosBuilder b, string? reference)
    {
        Rule(b);
        b.Align(Alignment.Center).Line(_layout.Footer);
        if (reference is not null)
        {
            b.Line(ReceiptText.Fit($"单号 {reference}", _layout.Columns));
        }

        return b.Align(Alignment.Left).Feed(2).Cut(CutMode.Partial).ToArray();
    }

    private void RecentTransactions(EscPosBuilder b, IReadOnlyList<StatementEntry> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        Rule(b);
        b.Line("最近交易");
        foreach (var entry in entries)
        {
            var value = entry.Amount is { } amount ? ReceiptText.Money(amount) : "";
            if (entry.Points is { } points)
            {
                value += (value.Length > 0 ? " " : "") + (points >= 0 ? "+" : "") + ReceiptText.Number(points) + "分";
            }

            Pair(b, $"{entry.At.ToString("MM-dd", CultureInfo.InvariantCulture)} {entry.Description}", value);
        }
    }

    private void Pair(EscPosBuilder b, string label, string value) => b.Line(ReceiptText.TwoColumns(label, value, _layout.Columns));

    private void Rule(EscPosBuilder b) => b.Line(new string('-', _layout.Columns));

    private static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static void RequireMasked(string name, string parameter)
    {
        if (name.Length > 0 && !name.Contains('*', StringComparison.Ordinal))
        {
            throw new ArgumentException("Receipts take masked names only (e.g. 王*明); mask with the agent's PersonalDataMask.", parameter);
        }
    }
}
