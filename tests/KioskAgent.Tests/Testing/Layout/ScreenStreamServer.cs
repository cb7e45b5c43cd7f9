using System.Net;
using System.Net.Sockets;
using System.Text;
using Google.Protobuf;
using Microsoft.Playwright;

namespace KioskAgent.Tests.Testing.Layout;

/// <summary>
/// Answers the page's WatchScreen with one screen the agent cannot produce yet (e.g. an idle screen
/// taking QR codes before the camera path exists) as a gRPC-Web stream that stays open, so the page
/// draws it once and keeps it. Everything else the page asks goes to the real agent: only the
/// WatchScreen request is rerouted here (Playwright, unseen by the page).
/// </summary>
public sealed class ScreenStreamServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _clients = [];
    private readonly byte[] _frame;
    private readonly Task _accepting;

    private ScreenStreamServer(Contracts.V1.Screen screen)
    {
        // gRPC-Web: a data frame is flag 0x00, a 4-byte big-endian length, then the message.
        var message = screen.ToByteArray();
        _frame = new byte[5 + message.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(_frame.AsSpan(1), message.Length);
        message.CopyTo(_frame, 5);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>Reroutes the page's WatchScreen to a stream of <paramref name="screen"/>.</summary>
    public static async Task<ScreenStreamServer> RouteAsync(IPage page, Contracts.V1.Screen screen)
    {
        var server = new ScreenStreamServer(screen);
        var port = ((IPEndPoint)server._listener.LocalEndpoint).Port;
        await page.RouteAsync("**/kiosk.v1.KioskUi/WatchScreen", route =>
            route.ContinueAsync(new RouteContinueOptions { Url = $"http://127.0.0.1:{port}/kiosk.v1.KioskUi/WatchScreen" }));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_clients)
        {
            _clients.ForEach(c => c.Dispose());
        }

        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            lock (_clients)
            {
                _clients.Add(client);
            }

            _ = AnswerAsync(client);
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            await ReadRequestAsync(stream);
            var head = "HTTP/1.1 200 OK\r\nContent-Type: application/grpc-web+proto\r\nAccess-Control-Allow-Origin: *\r\n"
                + "Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n"
                + $"{_frame.Length:x}\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
            await stream.WriteAsync(_frame, _stop.Token);
            await stream.WriteAsync("\r\n"u8.ToArray(), _stop.Token);
            await stream.FlushAsync(_stop.Token);
            // The stream stays open: the screen stays until the test ends.
            await Task.Delay(Timeout.Infinite, _stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The test is over or the page went away.
        }
    }

    /// <summary>Reads the request's head and its (small) body, which says nothing this server needs.</summary>
    private async Task ReadRequestAsync(NetworkStream stream)
    {
        var buffer = new byte[8192];
        var seen = new StringBuilder();
        int headEnd;
        while ((headEnd = seen.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal)) < 0)
        {
            var n = await stream.ReadAsync(buffer, _stop.Token);
            if (n == 0)
            {
                throw new IOException("The page closed the request.");
            }

            seen.Append(Encoding.Latin1.GetString(buffer, 0, n));
        }

        var head = seen.ToString()[..headEnd];
        var length = head.Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("content-length", StringComparison.OrdinalIgnoreCase)).Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        var have = seen.Length - (headEnd + 4);
        while (have < length)
        {
            var n = await stream.ReadAsync(buffer, _stop.Token);
            if (n == 0)
            {
                break;
            }

            have += n;
        }
    }
}
