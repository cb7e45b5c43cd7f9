namespace KioskAgent.MemberSync;

/// <summary>A decoded message from central, or (Value null) the reason it is refused.</summary>
public sealed record Decoded<T>(T? Value, string Reason)
    where T : class
{
    public static Decoded<T> Refused(string reason) => new(null, reason);
}
