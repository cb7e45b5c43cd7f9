using MQTTnet;

namespace KioskAgent.CentralLink;

/// <summary>A message waiting in the <see cref="InboundQueue"/>: its own copy, the client's handle to acknowledge it, and its payload size.</summary>
internal sealed record InboundItem(MqttApplicationMessage Message, MqttApplicationMessageReceivedEventArgs Received, long Size, long Connection);
