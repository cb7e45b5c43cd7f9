using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;
using MQTTnet.Packets;

namespace KioskAgent.CentralLink;

/// <summary>
/// MQTTnet's own channel adapters, with two things added for <see cref="MqttConnection"/>'s keep-alive:
/// the CONNECT packet carries the keep-alive period the kiosk keeps (the client's options say zero, so
/// MQTTnet starts no keep-alive loop of its own: that loop wakes every 250 ms whatever the period, four
/// thread-pool wake-ups a second on an idle kiosk), and the time of the last packet sent, so the
/// connection pings only when nothing else went out.
/// </summary>
internal sealed class KeepAliveAdapterFactory(ushort keepAliveSeconds, TimeProvider time) : IMqttClientAdapterFactory
{
    private readonly MqttClientAdapterFactory _inner = new();
    private long _lastSent = time.GetTimestamp();

    /// <summary>The keep-alive period announced in CONNECT, in seconds.</summary>
    public ushort KeepAliveSeconds => keepAliveSeconds;

    /// <summary>How long ago the last packet went out (any packet: the broker counts them all).</summary>
    public TimeSpan SinceLastSent => time.GetElapsedTime(Volatile.Read(ref _lastSent));

    public IMqttChannelAdapter CreateClientAdapter(MqttClientOptions options, MqttPacketInspector packetInspector, IMqttNetLogger logger) =>
        new Adapter(_inner.CreateClientAdapter(options, packetInspector, logger), this);

    private void Sent() => Volatile.Write(ref _lastSent, time.GetTimestamp());

    private sealed class Adapter(IMqttChannelAdapter inner, KeepAliveAdapterFactory owner) : IMqttChannelAdapter
    {
        public long BytesReceived => inner.BytesReceived;

        public long BytesSent => inner.BytesSent;

        public X509Certificate2 ClientCertificate => inner.ClientCertificate;

        public EndPoint RemoteEndPoint => inner.RemoteEndPoint;

        public EndPoint LocalEndPoint => inner.LocalEndPoint;

        public bool IsSecureConnection => inner.IsSecureConnection;

        public MqttPacketFormatterAdapter PacketFormatterAdapter => inner.PacketFormatterAdapter;

        public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

        public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

        public Task<MqttPacket> ReceivePacketAsync(CancellationToken cancellationToken) => inner.ReceivePacketAsync(cancellationToken);

        public void ResetStatistics() => inner.ResetStatistics();

        public async Task SendPacketAsync(MqttPacket packet, CancellationToken cancellationToken)
        {
            if (packet is MqttConnectPacket connect)
            {
                connect.KeepAlivePeriod = owner.KeepAliveSeconds;
            }

            await inner.SendPacketAsync(packet, cancellationToken).ConfigureAwait(false);
            owner.Sent();
        }

        public void Dispose() => inner.Dispose();
    }
}
