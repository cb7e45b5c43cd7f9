using KioskAgent.Hardware.Display;
using KioskAgent.Hardware.Display.Screens;
using KioskAgent.Hardware.Display.Simulated;
using KioskAgent.Hardware.Display.Vfd;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.Display;

[Trait("Category", TestCategories.Unit)]
public sealed class SimulatedCustomerDisplayTests
{
    [Fact]
    public async Task ShowAsync_LongLines_KeepsThemCutToTheDisplayWidth()
    {
        using var display = new SimulatedCustomerDisplay(20);

        await display.ShowAsync(new DisplayLines("This line is far too long for a pole display", "ok"));

        Assert.Equal(new DisplayLines("This line is far too", "ok                  "), display.Current);
    }

    [Fact]
    public async Task ShowAsync_Screens_AreKeptInHistoryAndRaiseChanged()
    {
        using var display = new SimulatedCustomerDisplay();
        var screens = new CustomerDisplayScreens();
        DisplayLines? seen = null;
        display.Changed += lines => seen = lines;

        await display.ShowAsync(screens.Idle());
        await display.ShowAsync(screens.Balance(1m, 2));
        await display.ClearAsync();

        Assert.Equal(3, display.History.Count);
        Assert.Equal(screens.Balance(1m, 2), display.History[1]);
        Assert.Equal(new DisplayLines(new string(' ', 20), new string(' ', 20)), seen);
    }

    [Fact]
    public void EncodeLine_Gb2312CharacterAtTheEdge_IsNotSplit()
    {
        var bytes = DisplayEncodings.EncodeLine(DisplayEncodings.Gb2312, "ABC余额", 4);

        Assert.Equal("ABC "u8.ToArray(), bytes);
    }

    [Fact]
    public void EncodeLine_ChineseOnPc437_BecomesQuestionMarks() =>
        Assert.Equal("W?? "u8.ToArray(), DisplayEncodings.EncodeLine(DisplayEncodings.Pc437, "W王明", 4));
}
