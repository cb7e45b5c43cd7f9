using Grpc.Core;
using Grpc.Net.Client;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Tests.Testing;

/// <summary>Reads what a running agent's screen shows, through the same WatchScreen stream the UI follows.</summary>
public static class ScreenReader
{
    /// <summary>The screen shown now (the stream's first frame).</summary>
    public static async Task<Contracts.V1.Screen> CurrentAsync(GrpcChannel channel)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var call = new KioskUi.KioskUiClient(channel).WatchScreen(new WatchScreenRequest(), cancellationToken: cts.Token);
        if (!await call.ResponseStream.MoveNext(cts.Token))
        {
            throw new InvalidOperationException("WatchScreen ended without a frame.");
        }

        return call.ResponseStream.Current;
    }

    /// <summary>Waits (generously) for a screen that matches.</summary>
    public static async Task<Contracts.V1.Screen> WaitForAsync(GrpcChannel channel, Func<Contracts.V1.Screen, bool> match, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Eventually.DefaultTimeout);
        Contracts.V1.Screen? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await CurrentAsync(channel);
            if (match(last))
            {
                return last;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Timed out waiting for {what}; the screen shows {last}.");
    }
}
