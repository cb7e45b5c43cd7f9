using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Benchmarks.MemberCache;

/// <summary>
/// A deterministic, realistic member set of any size, made chunk by chunk so the harness never holds
/// it all: Chinese names, mobile numbers, 1–2 cards (7-byte UIDs, printed numbers, some lost or
/// replaced), 0–3 points lots with expiry dates, birthdays, tags, QR tokens for a third of them and a
/// short recent-activity summary. Member i's card UIDs can be recomputed without the rest.
/// </summary>
public static class SyntheticMembers
{
    private const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private const string Given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽";
    private static readonly string[] Levels = ["standard", "silver", "gold", "diamond"];
    private static readonly string[] Tags = ["vip", "employee", "new", "family", "student", "senior"];
    private static readonly string[] Kinds = ["purchase", "check_in", "redemption", "top_up"];
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static MemberBatch LevelsAndGifts()
    {
        var batch = new MemberBatch();
        batch.Levels.AddRange(Levels.Select((code, rank) => new LevelRecord { Code = code, Name = code, Rank = rank, ThresholdPoints = rank * 10_000, Rights = { $"{code} rights" } }));
        batch.Gifts.AddRange(Enumerable.Range(1, 20).Select(i => new GiftRecord { Code = $"gift-{i}", Name = $"礼品 {i}", PointsPrice = i * 100, Stock = 50, PerMemberLimit = 2, Active = true }));
        return batch;
    }

    /// <summary>Members [from, from + count).</summary>
    public static MemberBatch Chunk(int from, int count)
    {
        var batch = new MemberBatch();
        for (var i = from; i < from + count; i++)
        {
            batch.Members.Add(Member(i));
        }

        return batch;
    }

    public static int CardCount(int i) => Mix(i, 1) % 3 == 0 ? 2 : 1;

    /// <summary>Card k of member i: "04" + 6 bytes, unique per (i, k) because i and k are in it.</summary>
    public static string CardUid(int i, int k) => string.Create(CultureInfo.InvariantCulture, $"04{(uint)i:X8}{k:X2}{(byte)Mix(i, 10 + k):X2}");

    /// <summary>A UID no member has (first byte 08 instead of 04).</summary>
    public static string MissingUid(int i) => string.Create(CultureInfo.InvariantCulture, $"08{(uint)i:X8}{(byte)Mix(i, 7):X2}00");

    public static MemberRecord Member(int i)
    {
        var record = new MemberRecord
        {
            MemberNumber = (10_000_000 + i).ToString(CultureInfo.InvariantCulture),
            Name = Name(i),
            Phone = string.Create(CultureInfo.InvariantCulture, $"1{3 + Mix(i, 2) % 7}{Mix(i, 3) % 1_000_000_000:D9}"),
            Level = Levels[Mix(i, 4) % 100 switch { < 60 => 0, < 85 => 1, < 97 => 2, _ => 3 }],
            BalanceMinor = Mix(i, 5) % 500_000,
            Currency = "CNY",
            Points = Mix(i, 6) % 50_000,
            PendingPoints = Mix(i, 7) % 500,
            LifetimePoints = 50_000 + Mix(i, 8) % 100_000,
            Birthday = new DateOnly(1950, 1, 1).AddDays(Mix(i, 9) % 20_000).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            QrToken = Mix(i, 11) % 3 == 0 ? $"KM1:{Mix(i, 12):x8}{i:x8}" : "",
            UpdatedAt = Timestamp.FromDateTimeOffset(Now.AddMinutes(-(Mix(i, 13) % 500_000))),
        };
        for (var k = 0; k < CardCount(i); k++)
        {
            record.Cards.Add(new CardRecord
            {
                Uid = CardUid(i, k),
                CardNumber = string.Create(CultureInfo.InvariantCulture, $"88{i:D8}{k:D2}"),
                State = Mix(i, 20 + k) % 50 == 0 ? MemberCardState.Lost : (k == 0 && CardCount(i) == 2 ? MemberCardState.Replaced : MemberCardState.Active),
                ValidUntil = Mix(i, 30 + k) % 4 == 0 ? "2028-12-31" : "",
                Subsidiary = k == 1 && Mix(i, 40) % 5 == 0,
            });
        }

        for (var l = 0; l < Mix(i, 14) % 4; l++)
        {
            record.PointsLots.Add(new PointsLotRecord { Points = 100 + Mix(i, 50 + l) % 5_000, ExpiresOn = new DateOnly(2026, 12, 31).AddMonths(6 * l).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        }

        if (Mix(i, 15) % 4 == 0)
        {
            record.Tags.Add(Tags[Mix(i, 16) % Tags.Length]);
        }

        record.Recent = new RecentActivity { LastVisitAt = Timestamp.FromDateTimeOffset(Now.AddHours(-(Mix(i, 17) % 2_000))), VisitsLast30Days = Mix(i, 18) % 12 };
        for (var l = 0; l < Mix(i, 19) % 4; l++)
        {
            record.Recent.Lines.Add(new ActivityLine { At = Timestamp.FromDateTimeOffset(Now.AddHours(-l * 30)), Kind = Kinds[(i + l) % Kinds.Length], PointsDelta = Mix(i, 60 + l) % 300, AmountMinor = Mix(i, 70 + l) % 30_000 });
        }

        return record;
    }

    private static string Name(int i)
    {
        var surname = Surnames[Mix(i, 80) % Surnames.Length];
        var first = Given[Mix(i, 81) % Given.Length];
        return Mix(i, 82) % 3 == 0 ? $"{surname}{first}" : $"{surname}{first}{Given[Mix(i, 83) % Given.Length]}";
    }

    /// <summary>A non-negative pseudo-random number for (member, field): a 32-bit integer hash, no state.</summary>
    private static int Mix(int i, int field)
    {
        var x = (uint)i * 0x9E3779B1u ^ (uint)field * 0x85EBCA77u;
        x ^= x >> 16;
        x *= 0x7FEB352Du;
        x ^= x >> 15;
        x *= 0x846CA68Bu;
        x ^= x >> 16;
        return (int)(x & 0x7FFFFFFF);
    }
}
