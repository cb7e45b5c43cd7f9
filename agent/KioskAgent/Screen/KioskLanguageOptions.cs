namespace KioskAgent.Screen;

/// <summary>
/// The language of the kiosk screen (<c>Kiosk:Language</c>): <c>zh-CN</c>, <c>en</c>, or
/// <c>bilingual</c> (Chinese first, English after it). The page gets it in KioskInfo and translates
/// every text itself, the agent's refusal reasons and notices included (they travel as codes).
/// </summary>
public sealed class KioskLanguageOptions
{
    public const string Section = "Kiosk";

    public static IReadOnlyList<string> Allowed { get; } = ["zh-CN", "en", "bilingual"];

    public string Language { get; set; } = "zh-CN";
}
