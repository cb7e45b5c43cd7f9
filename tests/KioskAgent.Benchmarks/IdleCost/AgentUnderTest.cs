using System.Diagnostics;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Benchmarks.IdleCost;

/// <summary>The agent, started the way the tests start it (<see cref="AgentProcess"/>), timed to its first SERVING.</summary>
public sealed class AgentUnderTest : IProcessUnderTest
{
    private readonly AgentProcess _agent;

    private AgentUnderTest(AgentProcess agent) => _agent = agent;

    public int ProcessId => _agent.ProcessId;

    public bool HasExited => _agent.HasExited;

    public TimeSpan ColdStart { get; private set; }

    public string Output => _agent.Output;

    public static async Task<AgentUnderTest> StartAsync(AgentSettings settings)
    {
        var startedAt = Stopwatch.GetTimestamp();
        var under = new AgentUnderTest(AgentProcess.Launch(settings));
        try
        {
            under.ColdStart = await ServingProbe.WaitAsync(settings.GrpcPort, startedAt, () => under.HasExited, TimeSpan.FromSeconds(180));
        }
        catch (Exception ex)
        {
            var output = under.Output;
            await under.DisposeAsync();
            throw new InvalidOperationException($"{ex.Message}\n{output}", ex);
        }

        return under;
    }

    public ValueTask DisposeAsync() => _agent.DisposeAsync();
}
