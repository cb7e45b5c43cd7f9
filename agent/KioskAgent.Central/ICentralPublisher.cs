using Google.Protobuf;
using MQTTnet;

namespace KioskAgent.Central;

/// <summary>How a central part talks back to kiosks.</summary>
public interface ICentralPublisher
{
    CentralTopics Topics { get; }

    bool IsConnected { get; }

    /// <summary>Publishes a contract message (proto3 JSON, QoS 1, with the contract's properties, signed when central has a key). False when not connected or refused.</summary>
    Task<bool> PublishAsync(string topic, IMessage message, CancellationToken cancellationToken, Action<MqttApplicationMessageBuilder>? configure = null);
}
