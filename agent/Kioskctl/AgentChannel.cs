using System.Net.Sockets;
using Grpc.Net.Client;

namespace Kioskctl;

/// <summary>Opens a gRPC channel to the agent: "http://127.0.0.1:5081" (h2c) or "unix:/run/kiosk-agent/agent.sock".</summary>
public static class AgentChannel
{
    public const string DefaultAddress = "http://127.0.0.1:5081";
    public const string AddressVariable = "KIOSKCTL_AGENT";

    public static GrpcChannel Open(string address)
    {
        if (address.StartsWith("unix:", StringComparison.Ordinal))
        {
            var path = address["unix:".Length..];
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, cancellationToken) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                },
            };
            return GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = handler });
        }

        return GrpcChannel.ForAddress(address);
    }
}
