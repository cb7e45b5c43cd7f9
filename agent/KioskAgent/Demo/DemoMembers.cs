using KioskAgent.Members;

namespace KioskAgent.Demo;

/// <summary>A small, invented member set that shows every screen the kiosk has.</summary>
public static class DemoMembers
{
    public static IReadOnlyList<(Member Member, string Label)> All { get; } =
    [
        (new Member
        {
            MemberNumber = "80001001", Name = "王小明", Phone = "13812345678", Level = "金卡 Gold",
            BalanceMinor = 1_288_050, Points = 36_520,
            Cards = [new MemberCard { Uid = "04A1B2C3D4E5F6" }],
        }, "金卡会员 Gold member"),
        (new Member
        {
            MemberNumber = "80001002", Name = "李娜", Phone = "13900001111", Level = "银卡 Silver",
            BalanceMinor = 5_600, Points = 820,
            Cards = [new MemberCard { Uid = "5A6B7C8D" }],
        }, "银卡会员 Silver member"),
        (new Member
        {
            MemberNumber = "80001003", Name = "Alice Smith", Phone = "13700002222", Level = "钻石 Diamond",
            BalanceMinor = 99_999_00, Points = 128_000,
            Cards = [new MemberCard { Uid = "0411223344556677" }],
        }, "钻石会员 Diamond member"),
        (new Member
        {
            MemberNumber = "80001004", Name = "赵四", Phone = "13600003333", Level = "普通 Standard",
            BalanceMinor = 0, Points = 40,
            Cards = [new MemberCard { Uid = "DEADBEEF", State = CardState.Lost }],
        }, "挂失的卡 Lost card"),
        (new Member
        {
            MemberNumber = "80001005", Name = "陈静", Phone = "13500004444", Level = "金卡 Gold",
            BalanceMinor = 66_600, Points = 8_888,
            Cards = [new MemberCard { Uid = "04DE5F1EACC040" }],
        }, "安全卡 NTAG 424 card"),
    ];

    /// <summary>A card that belongs to nobody, to show the "not registered" refusal.</summary>
    public const string UnknownCardUid = "0102030405";
}
