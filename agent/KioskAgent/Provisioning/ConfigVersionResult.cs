namespace KioskAgent.Provisioning;

/// <summary>A version of the provisioned configuration was applied, with what it changed.</summary>
public sealed record ConfigVersionResult(ulong Version, IReadOnlyList<ConfigChange> Changes);
