using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace KioskAgent.Benchmarks.IdleCost;

/// <summary>
/// Waits until a process answers gRPC health with SERVING. The port is probed with plain TCP
/// connects every 10 ms first, then health is asked on a fresh channel each time: a channel that
/// saw a refused connection backs off for a second before it tries again, which would be measured
/// as start-up time.
/// </summary>
public static class ServingProbe
{
    public static async Task<TimeSpan> WaitAsync(int port, long startedAt, Func<bool> hasExited, TimeSpan timeout)
    {
        var deadline = startedAt + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (hasExited())
            {
                throw new InvalidOperationException("The process exited during start-up.");
            }

            if (await AcceptsAsync(port) && await ServingAsync(port))
            {
                return Stopwatch.GetElapsedTime(startedAt);
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"Nothing answered SERVING on port {port} within {timeout.TotalSeconds} s.");
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task<bool> ServingAsync(int port)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        try
        {
            var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(5));
            return reply.Status == HealthCheckResponse.Types.ServingStatus.Serving;
        }
        catch (Grpc.Core.RpcException)
        {
            return false;
        }
    }
}
