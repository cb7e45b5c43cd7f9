using System.Globalization;

namespace KioskAgent.Hardware.Display.Screens;

/// <summary>
/// The screens of the customer display, as pure functions of their data: every line is exactly
/// <c>columns</c> wide (cut or padded), amounts are right-aligned, names arrive masked.
/// </summary>
public sealed class CustomerDisplayScreens(DisplayTexts? texts = null, int columns = 20)
{
    private readonly DisplayTexts _texts = texts ?? DisplayTexts.English;

    public int Columns { get; } = columns is >= 8 and <= 40 ? columns : throw new ArgumentOutOfRangeException(nameof(columns));

    /// <summary>Nobody at the kiosk: welcome and an invitation to tap.</summary>
    public DisplayLines Idle() => new(DisplayText.Center(_texts.Welcome, Columns), DisplayText.Center(_texts.TapCard, Columns));

    /// <summary>A member tapped: greeting with the masked name, level below.</summary>
    public DisplayLines Greeting(string maskedName, string levelName) =>
        new(DisplayText.PadToWidth($"{_texts.Hello} {maskedName}", Columns), DisplayText.PadToWidth(levelName, Columns));

    /// <summary>The member's birthday week (生日祝福): the greeting above the masked name.</summary>
    public DisplayLines Birthday(string maskedName) =>
        new(DisplayText.Center(_texts.HappyBirthday, Columns), DisplayText.Center(maskedName, Columns));

    /// <summary>Balance and points, right-aligned.</summary>
    public DisplayLines Balance(decimal balance, int points) => new(
        DisplayText.LabelValue(_texts.Balance, Money(balance), Columns),
        DisplayText.LabelValue(_texts.Points, points.ToString("#,##0", CultureInfo.InvariantCulture), Columns));

    /// <summary>A refused card with the reason (already short and localised by the caller).</summary>
    public DisplayLines Refusal(string reason) =>
        new(DisplayText.PadToWidth(_texts.Refused, Columns), DisplayText.PadToWidth(reason, Columns));

    private string Money(decimal amount) =>
        (amount < 0 ? "-" : "") + _texts.Currency + Math.Abs(amount).ToString("#,##0.00", CultureInfo.InvariantCulture);
}
