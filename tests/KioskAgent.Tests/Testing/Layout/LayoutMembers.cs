using System.Globalization;
using Google.Protobuf;
using Grpc.Net.Client;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Tests.Testing.Layout;

/// <summary>
/// Members and gifts that push the screens to their limits (a very long name, a 7-digit balance,
/// every card state, a dozen gifts), imported into a running demo agent through the technician's
/// member import, on top of the demo data.
/// </summary>
public static class LayoutMembers
{
    public const string LongCard = "04F00D0000000001";
    public const string FrozenCard = "04F00D0000000002";
    public const string CancelledCard = "04F00D0000000003";
    public const string ExpiredCard = "04F00D0000000004";
    public const string ReplacedCard = "04F00D0000000005";
    public const string PastValidityCard = "04F00D0000000006";

    /// <summary>A card in each refusal state, with the reason code the kiosk shows for it.</summary>
    public static IReadOnlyList<(string Uid, string Reason)> RefusedCards { get; } =
    [
        ("DEADBEEF", "card_lost"),
        ("0102030405", "card_unknown"),
        (FrozenCard, "card_frozen"),
        (CancelledCard, "card_cancelled"),
        (ExpiredCard, "card_expired"),
        (PastValidityCard, "card_expired"),
        (ReplacedCard, "card_replaced"),
    ];

    /// <summary>The long member with every part of the member screen: progress, expiring points, birthday.</summary>
    public static MemberBatch Members(DateOnly today)
    {
        var batch = new MemberBatch();
        var longMember = Member("90000001", "Maximilian Alexander Fitzgerald-Worthington", "gold", 987_654_321, 2_345_678, 52_000, LongCard);
        longMember.Birthday = Date(today.AddYears(-30));
        longMember.PointsLots.Add(new PointsLotRecord { Points = 12_500, ExpiresOn = Date(today.AddDays(10)) });
        longMember.PointsLots.Add(new PointsLotRecord { Points = 2_333_178 });
        batch.Members.Add(longMember);
        batch.Members.Add(Member("90000002", "欧阳娜娜", "silver", 100, 10, 10, FrozenCard, MemberCardState.Frozen));
        batch.Members.Add(Member("90000003", "司马相如", "standard", 0, 0, 0, CancelledCard, MemberCardState.Cancelled));
        batch.Members.Add(Member("90000004", "张三", "standard", 0, 0, 0, ExpiredCard, MemberCardState.Expired));
        batch.Members.Add(Member("90000005", "李四", "standard", 0, 0, 0, ReplacedCard, MemberCardState.Replaced));
        var past = Member("90000006", "王五", "standard", 0, 0, 0, PastValidityCard);
        past.Cards[0].ValidUntil = Date(today.AddDays(-3));
        batch.Members.Add(past);
        return batch;
    }

    /// <summary>Nine more gifts (with the demo's three, twelve), one with a very long name.</summary>
    public static MemberBatch MoreGifts()
    {
        var batch = new MemberBatch();
        string[] names =
        [
            "大容量不锈钢真空保温杯（附赠杯套） Large stainless vacuum flask with sleeve",
            "帆布袋 Tote bag", "电影票 Cinema ticket", "100 元代金券 ¥100 voucher", "蓝牙音箱 Bluetooth speaker",
            "咖啡券 Coffee", "毛巾 Towel", "笔记本 Notebook", "充电宝 Power bank",
        ];
        for (var i = 0; i < names.Length; i++)
        {
            batch.Gifts.Add(new GiftRecord { Code = $"layout-{i}", Name = names[i], PointsPrice = 1_000 + (i * 700), Stock = i == 4 ? 0 : 9, Active = true });
        }

        return batch;
    }

    /// <summary>Imports a batch through MemberAdmin.ImportMembers (JSON); fails the test on any problem.</summary>
    public static async Task ImportAsync(GrpcChannel channel, MemberBatch batch)
    {
        var client = new MemberAdmin.MemberAdminClient(channel);
        using var call = client.ImportMembers(TestTechnician.Headers(), DateTime.UtcNow.AddSeconds(60));
        await call.RequestStream.WriteAsync(new ImportMembersChunk
        {
            Data = ByteString.CopyFromUtf8(JsonFormatter.Default.Format(batch)),
            Format = ImportFormat.Json,
            FileName = "layout.json",
        });
        await call.RequestStream.CompleteAsync();
        var reply = await call;
        if (!reply.Applied)
        {
            throw new InvalidOperationException($"Import refused: {string.Join("; ", reply.Problems.Select(p => $"{p.Field}: {p.Message}"))}");
        }
    }

    private static MemberRecord Member(string number, string name, string level, long balanceMinor, long points, long lifetime, string uid, MemberCardState state = MemberCardState.Active) => new()
    {
        MemberNumber = number,
        Name = name,
        Level = level,
        BalanceMinor = balanceMinor,
        Currency = "CNY",
        Points = points,
        LifetimePoints = lifetime,
        Cards = { new CardRecord { Uid = uid, CardNumber = "66" + number, State = state } },
    };

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
