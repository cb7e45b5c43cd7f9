namespace KioskAgent.Benchmarks.IdleCost;

/// <summary>A configuration measured in each round: a name and how to start a fresh process of it.</summary>
public sealed record IdleSubject(string Name, Func<Task<IProcessUnderTest>> StartAsync)
{
    public const string Minimal = "minimal gRPC host";
    public const string Demo = "agent, demo mode";
    public const string Production = "agent, shipped config";
    public const string ProductionWithMembers = "agent, shipped config, member cache filled";
}
