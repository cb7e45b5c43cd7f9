namespace KioskAgent.Draws;

/// <summary>A draw action that cannot be done, with what to tell the caller; nothing was changed.</summary>
public sealed class DrawRefusedException(DrawRefusal refusal, string message) : Exception(message)
{
    public DrawRefusal Refusal { get; } = refusal;
}
