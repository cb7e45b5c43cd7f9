namespace KioskAgent.Provisioning;

/// <summary>A configuration refused as a whole: every problem, each naming its key and why. Nothing was applied.</summary>
public sealed class ProvisionedConfigException(IReadOnlyList<string> problems)
    : Exception($"configuration refused, nothing was applied: {string.Join(" ", problems)}")
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
