using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Central.Members;

/// <summary>
/// A made-up member data set for tests, demos and load drills: <c>count</c> members with cards,
/// levels and gifts, the same every time for the same arguments. Member i (from 0) has member number
/// <see cref="MemberNumber"/>(i) and an active card with UID <see cref="CardUid"/>(i); every tenth
/// member also has an older card reported lost (<see cref="LostCardUid"/>).
/// </summary>
public static class MemberDatasetGenerator
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "小红", "建华", "志强"];
    private static readonly DateTimeOffset UpdatedAt = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<LevelRecord> Levels { get; } =
    [
        new() { Code = "standard", Name = "普通", Rank = 0, ThresholdPoints = 0 },
        new() { Code = "silver", Name = "银卡", Rank = 1, ThresholdPoints = 5_000 },
        new() { Code = "gold", Name = "金卡", Rank = 2, ThresholdPoints = 20_000 },
        new() { Code = "diamond", Name = "钻石", Rank = 3, ThresholdPoints = 100_000 },
    ];

    public static IReadOnlyList<GiftRecord> Gifts { get; } =
    [
        new() { Code = "G-UMBRELLA", Name = "雨伞 Umbrella", PointsPrice = 2_000, Stock = 20, PerMemberLimit = 1, Active = true },
        new() { Code = "G-MUG", Name = "马克杯 Mug", PointsPrice = 800, Stock = 50, Active = true },
        new() { Code = "G-VOUCHER50", Name = "50元代金券 CNY 50 voucher", PointsPrice = 5_000, Stock = 100, PerMemberLimit = 2, Active = true },
    ];

    public static MemberDataset Generate(int count, int seed = 1, ulong version = 1) =>
        new(Enumerable.Range(0, count).Select(i => Member(i, seed)), Levels, Gifts, version);

    public static string MemberNumber(int index) => (90_000_000 + index).ToString(CultureInfo.InvariantCulture);

    /// <summary>A 7-byte NFC UID (NXP manufacturer byte 04) from the index, upper-case hex.</summary>
    public static string CardUid(int index) => $"04{index:X12}";

    public static string LostCardUid(int index) => $"08{index:X12}";

    public static MemberRecord Member(int index, int seed = 1)
    {
        var mix = Mix(index, seed);
        var lifetime = (long)(mix % 150_000);
        var member = new MemberRecord
        {
            MemberNumber = MemberNumber(index),
            Name = Surnames[(int)(mix % (ulong)Surnames.Length)] + GivenNames[(int)((mix >> 8) % (ulong)GivenNames.Length)],
            Phone = (13_800_000_000L + index).ToString(CultureInfo.InvariantCulture),
            Level = LevelFor(lifetime),
            BalanceMinor = (long)((mix >> 16) % 2_000_000),
            Currency = "CNY",
            Points = lifetime / 3,
            PendingPoints = (long)((mix >> 24) % 500),
            LifetimePoints = lifetime,
            UpdatedAt = Timestamp.FromDateTimeOffset(UpdatedAt),
        };
        member.PointsLots.Add(new PointsLotRecord { Points = lifetime / 3, ExpiresOn = "2027-12-31" });
        member.Cards.Add(new CardRecord { Uid = CardUid(index), CardNumber = $"6{index:D9}", State = MemberCardState.Active });
        if (index % 10 == 9)
        {
            member.Cards.Add(new CardRecord { Uid = LostCardUid(index), State = MemberCardState.Lost });
        }

        return member;
    }

    private static string LevelFor(long lifetimePoints) =>
        Levels.Last(l => l.ThresholdPoints <= lifetimePoints).Code;

    /// <summary>SplitMix64 of index and seed: spread-out but repeatable numbers.</summary>
    private static ulong Mix(int index, int seed)
    {
        var z = ((ulong)(uint)seed << 32 | (uint)index) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
