namespace KioskAgent.Hardware.Card.Mifare;

/// <summary>A member number as stored on a card: 1 to 12 ASCII digits.</summary>
public readonly record struct MemberNumber
{
    public const int MaxDigits = 12;

    public MemberNumber(string value)
    {
        if (!IsValid(value))
        {
            throw new ArgumentException($"A member number has 1 to {MaxDigits} digits 0-9.", nameof(value));
        }

        Value = value;
    }

    /// <summary>The full number; show it only where the member may see it.</summary>
    public string Value { get; }

    public static bool IsValid(string? value) =>
        value is { Length: > 0 and <= MaxDigits } && value.All(char.IsAsciiDigit);

    /// <summary>Only the last four digits, for logs.</summary>
    public override string ToString() =>
        Value is null ? string.Empty : Value.Length <= 4 ? new string('*', Value.Length) : new string('*', Value.Length - 4) + Value[^4..];
}
