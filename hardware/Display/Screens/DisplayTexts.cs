namespace KioskAgent.Hardware.Display.Screens;

/// <summary>
/// The fixed words of the screens. <see cref="English"/> fits every display (PC437 VFDs, HD44780
/// ROM A00, where ¥ exists); <see cref="Chinese"/> needs a GB2312 VFD.
/// </summary>
public sealed record DisplayTexts(string Welcome, string TapCard, string Hello, string Balance, string Points, string Refused, string Currency, string HappyBirthday)
{
    public static DisplayTexts English { get; } = new("WELCOME", "Please tap your card", "Hello", "Balance", "Points", "Card refused", "¥", "Happy birthday!");

    public static DisplayTexts Chinese { get; } = new("欢迎光临", "请刷卡", "您好", "余额", "积分", "卡片无法使用", "￥", "生日快乐！");
}
