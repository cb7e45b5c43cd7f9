using System.Net.Sockets;

namespace KioskAgent.Hardware.Printer.Transports;

/// <summary>
/// A network printer on a raw TCP port (9100, "JetDirect"). The connection stays open between jobs;
/// DLE EOT status requests are answered on the same connection.
/// </summary>
public sealed class TcpPrinterTransport(string host, int port = 9100, TimeSpan? connectTimeout = null) : StreamPrinterTransport
{
    private readonly TimeSpan _connectTimeout = connectTimeout ?? TimeSpan.FromSeconds(3);
    public string Host { get; } = host;

    public int Port { get; } = port;

    public override string Description => $"tcp:{Host}:{Port}";

    protected override async Task<Stream> OpenStreamAsync(CancellationToken cancellationToken)
    {
        var client = new TcpClient { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_connectTimeout);
        try
        {
            await client.ConnectAsync(Host, Port, timeout.Token).ConfigureAwait(false);
            return client.GetStream(); // owns the socket: disposing it closes the connection
        }
        catch (Exception ex) when (ex is SocketException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            client.Dispose();
            throw OpenFailed(ex);
        }
    }
}
