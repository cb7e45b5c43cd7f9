namespace KioskAgent.Benchmarks.IdleCost;

/// <summary>A started process the budget measures: the agent in some configuration, or the minimal gRPC host.</summary>
public interface IProcessUnderTest : IAsyncDisposable
{
    int ProcessId { get; }

    bool HasExited { get; }

    /// <summary>From the moment before the process was started to its first SERVING answer.</summary>
    TimeSpan ColdStart { get; }

    string Output { get; }
}
