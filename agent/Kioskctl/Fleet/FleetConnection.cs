using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;

namespace Kioskctl.Fleet;

/// <summary>Connects an operator tool's MQTT client and turns a refusal into a message, not a stack trace.</summary>
public static class FleetConnection
{
    /// <summary>A client id for a one-off tool session: kioskctl-{what}-{random}.</summary>
    public static string ToolClientId(string what) => $"kioskctl-{what}-{Guid.NewGuid().ToString("N")[..12]}";

    public static async Task<bool> TryConnectAsync(IMqttClient client, BrokerSettings broker, MqttClientOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var result = await client.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
            if (result.ResultCode == MqttClientConnectResultCode.Success)
            {
                return true;
            }

            await Console.Error.WriteLineAsync($"kioskctl: broker {broker.Host}:{broker.Port} refused the connection: {result.ResultCode} {result.ReasonString}").ConfigureAwait(false);
        }
        catch (MqttConnectingFailedException ex)
        {
            await Console.Error.WriteLineAsync($"kioskctl: broker {broker.Host}:{broker.Port} refused the connection: {ex.Message}").ConfigureAwait(false);
        }
        catch (MqttCommunicationException ex)
        {
            await Console.Error.WriteLineAsync($"kioskctl: cannot reach broker {broker.Host}:{broker.Port}: {ex.InnerException?.Message ?? ex.Message}").ConfigureAwait(false);
        }

        return false;
    }
}
