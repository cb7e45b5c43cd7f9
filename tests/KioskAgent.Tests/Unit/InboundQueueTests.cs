using KioskAgent.CentralLink;
using KioskAgent.Tests.Testing;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class InboundQueueTests
{
    private static (MqttApplicationMessage, MqttApplicationMessageReceivedEventArgs) Message(int bytes, MqttQualityOfServiceLevel qos)
    {
        var message = new MqttApplicationMessageBuilder().WithTopic("kiosk/v1/s/k/members/snapshot").WithPayload(new byte[bytes]).WithQualityOfServiceLevel(qos).Build();
        return (message, new MqttApplicationMessageReceivedEventArgs("kiosk", message, new MqttPublishPacket(), (_, _) => Task.CompletedTask));
    }

    private static bool Add(InboundQueue queue, int bytes, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtMostOnce)
    {
        var (message, received) = Message(bytes, qos);
        return queue.TryAdd(message, received, connection: 1);
    }

    [Fact]
    public void Qos0_IsDropped_WhenTheQueueHoldsItsMessageLimit()
    {
        var queue = new InboundQueue(maxMessages: 2, maxBytes: 1_000_000);

        Assert.True(Add(queue, 10));
        Assert.True(Add(queue, 10));
        Assert.False(Add(queue, 10));
    }

    [Fact]
    public void Qos0_IsDropped_WhenItWouldPassTheByteLimit_ButOneMessageAlwaysFits()
    {
        var queue = new InboundQueue(maxMessages: 100, maxBytes: 1000);

        Assert.True(Add(queue, 5000));
        Assert.False(Add(queue, 1));
    }

    [Fact]
    public void Qos1_IsAlwaysTaken_EvenWhenTheQueueIsFull()
    {
        var queue = new InboundQueue(maxMessages: 1, maxBytes: 1000);
        Assert.True(Add(queue, 900));

        Assert.True(Add(queue, 900, MqttQualityOfServiceLevel.AtLeastOnce));
        Assert.True(Add(queue, 900, MqttQualityOfServiceLevel.ExactlyOnce));
        Assert.False(Add(queue, 1));
    }

    [Fact]
    public void Done_FreesThePlace_AndTheQueuedCopyOwnsItsPayload()
    {
        var queue = new InboundQueue(maxMessages: 1, maxBytes: 1000);
        var (message, received) = Message(100, MqttQualityOfServiceLevel.AtMostOnce);
        Assert.True(queue.TryAdd(message, received, connection: 1));
        Assert.False(Add(queue, 10));

        Assert.True(queue.Reader.TryRead(out var item));
        Assert.Equal(100, item.Size);
        Assert.Equal(100, item.Message.Payload.Length);
        Assert.NotSame(message, item.Message);
        queue.Done(item);

        Assert.True(Add(queue, 10));
    }
}
