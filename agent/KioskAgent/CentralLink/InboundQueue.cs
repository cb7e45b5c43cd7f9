using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Protocol;

namespace KioskAgent.CentralLink;

/// <summary>
/// Messages from central between the MQTT client's receive callback and the handlers. The callback
/// never waits on it (the client's receive loop must keep taking the PUBACKs of the kiosk's own
/// publishes), so it is bounded by admission instead: a QoS 0 message is refused while the queue
/// holds <c>maxMessages</c> messages or <c>maxBytes</c> of payload (the broker keeps no copy to
/// resend, so dropping it is what QoS 0 allows); QoS 1 and 2 messages are always taken, because the
/// broker may have at most the announced receive maximum of them unacknowledged, and the PUBACK
/// goes out only after a message was handled.
/// </summary>
internal sealed class InboundQueue(int maxMessages, long maxBytes)
{
    private readonly Channel<InboundItem> _channel = Channel.CreateUnbounded<InboundItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private int _messages;
    private long _bytes;

    public ChannelReader<InboundItem> Reader => _channel.Reader;

    /// <summary>Takes the message (that came on connection number <paramref name="connection"/>), or returns false when it is QoS 0 and the queue is full.</summary>
    public bool TryAdd(MqttApplicationMessage message, MqttApplicationMessageReceivedEventArgs received, long connection)
    {
        var size = message.Payload.Length;
        lock (_gate)
        {
            var full = _messages >= maxMessages || (_messages > 0 && _bytes + size > maxBytes);
            if (full && message.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce)
            {
                return false;
            }

            _messages++;
            _bytes += size;
        }

        // Copied only once admitted: a dropped message costs no second copy of its payload.
        if (!_channel.Writer.TryWrite(new InboundItem(InboundCopy.Of(message), received, size, connection)))
        {
            // Stopping: left unacknowledged, so the broker delivers it again on the resumed session.
            Release(size);
        }

        return true;
    }

    /// <summary>Called by the reader once it handled <paramref name="item"/>.</summary>
    public void Done(InboundItem item) => Release(item.Size);

    public void Complete() => _channel.Writer.TryComplete();

    private void Release(long size)
    {
        lock (_gate)
        {
            _messages--;
            _bytes -= size;
        }
    }
}
