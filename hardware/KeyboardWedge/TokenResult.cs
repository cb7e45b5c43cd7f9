namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>One complete token a framer recognised, or why a token was thrown away.</summary>
/// <param name="Text">The token as typed (empty for a failure).</param>
/// <param name="Reason">Null for a token; else a stable reason such as "too_long", "incomplete", "invalid_token".</param>
/// <param name="Detail">What happened, for logs; never the card number.</param>
public readonly record struct TokenResult(string Text, string? Reason, string Detail)
{
    public bool IsToken => Reason is null;

    public static TokenResult Token(string text) => new(text, null, string.Empty);

    public static TokenResult Failure(string reason, string detail) => new(string.Empty, reason, detail);
}
