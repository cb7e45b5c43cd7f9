using System.Collections.Concurrent;
using Grpc.Core;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Tests.Testing;

/// <summary>Records every frame of an agent's screen stream (KioskUi.WatchScreen), in order, from the moment it starts.</summary>
public sealed class ScreenRecorder : IAsyncDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly ConcurrentQueue<Contracts.V1.Screen> _frames = new();
    private readonly Task _reading;

    private ScreenRecorder(AgentProcess agent)
    {
        var call = new KioskUi.KioskUiClient(agent.Channel).WatchScreen(new WatchScreenRequest(), cancellationToken: _cts.Token);
        _reading = Task.Run(async () =>
        {
            using (call)
            {
                try
                {
                    await foreach (var frame in call.ResponseStream.ReadAllAsync(_cts.Token))
                    {
                        _frames.Enqueue(frame);
                    }
                }
                catch (Exception ex) when (ex is RpcException or OperationCanceledException)
                {
                }
            }
        });
    }

    public IReadOnlyList<Contracts.V1.Screen> Frames => [.. _frames];

    /// <summary>Member frames, in order.</summary>
    public IEnumerable<MemberView> Members => Frames.Where(f => f.ViewCase == Contracts.V1.Screen.ViewOneofCase.Member).Select(f => f.Member);

    public static async Task<ScreenRecorder> StartAsync(AgentProcess agent)
    {
        var recorder = new ScreenRecorder(agent);
        await Eventually.TrueAsync(() => !recorder._frames.IsEmpty, "the first screen frame");
        return recorder;
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        await _reading;
        _cts.Dispose();
    }
}
