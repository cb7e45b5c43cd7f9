using KioskAgent.CentralLink;

namespace KioskAgent.Rewards;

/// <summary>Online = <see cref="MqttConnection.IsConnected"/>.</summary>
public sealed class MqttCentralReachability(MqttConnection connection) : ICentralReachability
{
    public bool IsOnline => connection.IsConnected;
}
