namespace KioskAgent.Draws;

/// <summary>What a recomputation of a draw record found: nothing (valid) or each thing that does not match.</summary>
public sealed record DrawVerification(IReadOnlyList<string> Problems)
{
    public bool IsValid => Problems.Count == 0;
}
