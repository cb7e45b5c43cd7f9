using KioskAgent.Hardware.Display;
using KioskAgent.Hardware.Display.Screens;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.Display;

[Trait("Category", TestCategories.Unit)]
public sealed class CustomerDisplayScreensTests
{
    private readonly CustomerDisplayScreens _screens = new(DisplayTexts.English, 20);

    [Fact]
    public void Idle_English_CentersBothLines() =>
        Assert.Equal(new DisplayLines("      WELCOME       ", "Please tap your card"), _screens.Idle());

    [Fact]
    public void Greeting_MaskedName_FollowsHelloAndPadsToTwenty() =>
        Assert.Equal(new DisplayLines("Hello A**** S****   ", "Gold                "), _screens.Greeting("A**** S****", "Gold"));

    [Fact]
    public void Greeting_LongName_IsCutAtTwentyColumns() =>
        Assert.Equal("Hello A******** B***", _screens.Greeting("A******** B********", "Gold").Upper);

    [Fact]
    public void Birthday_GreetsAboveTheMaskedName_Centered() =>
        Assert.Equal(new DisplayLines("  Happy birthday!   ", "    A**** S****     "), _screens.Birthday("A**** S****"));

    [Fact]
    public void Birthday_ChineseTexts_CentreTheWideGreeting() =>
        Assert.Equal("     生日快乐！     ", new CustomerDisplayScreens(DisplayTexts.Chinese).Birthday("王*明").Upper);

    [Fact]
    public void Balance_Amounts_AreRightAligned() =>
        Assert.Equal(new DisplayLines("Balance    ¥1,234.50", "Points         5,600"), _screens.Balance(1234.5m, 5600));

    [Fact]
    public void Balance_HugeAmount_KeepsTheValueAndCutsTheLabel() =>
        Assert.Equal("Bal ¥1,234,567,890.00", new CustomerDisplayScreens(DisplayTexts.English, 21).Balance(1234567890m, 0).Upper);

    [Fact]
    public void Refusal_Reason_OnTheLowerLine() =>
        Assert.Equal(new DisplayLines("Card refused        ", "Card lost (reported)"), _screens.Refusal("Card lost (reported)"));

    [Fact]
    public void Greeting_ChineseTexts_CountWideCharactersAsTwoColumns()
    {
        var lines = new CustomerDisplayScreens(DisplayTexts.Chinese).Greeting("王*明", "金卡会员");

        Assert.Equal("您好 王*明" + new string(' ', 10), lines.Upper); // 4 + 1 + 5 columns used
        Assert.Equal(20, DisplayText.Width(lines.Lower));
    }

    [Fact]
    public void Truncate_WideCharacterAcrossTheEdge_IsDroppedWhole() =>
        Assert.Equal("ABC", DisplayText.Truncate("ABC余额", 4));
}
