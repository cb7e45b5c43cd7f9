using System.Buffers;
using System.Text;
using Google.Protobuf;
using KioskAgent.Central;
using KioskAgent.Central.Signing;
using KioskAgent.Contracts.V1;
using MQTTnet;
using MQTTnet.Protocol;

namespace Kioskctl.Fleet.Commands;

/// <summary>
/// Sends one <see cref="KioskCommand"/> to a kiosk the way central does (docs/mqtt-contract.md): on
/// {base}/cmd with an MQTT 5 response topic under {base}/reply/, correlation data and a message
/// expiry equal to the timeout, so a kiosk that comes back later does not run a command nobody waits for.
/// Signed with central's key when one is given (kiosks with Central:Signatures=Required need it).
/// </summary>
public sealed class KioskCommandClient(BrokerSettings broker, TimeProvider time, CentralSigner? signer = null)
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public async Task<CommandOutcome> SendAsync(KioskAddress kiosk, KioskCommand command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clientId = FleetConnection.ToolClientId("cmd");
        var kioskBase = new CentralTopics(broker.TopicRoot).KioskBase(kiosk.SiteId, kiosk.KioskId);
        var replyTopic = $"{kioskBase}/reply/{clientId}";
        var stateTopic = $"{kioskBase}/state";
        var correlation = Encoding.UTF8.GetBytes(command.Id);
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        KioskState? lastState = null;

        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            var m = e.ApplicationMessage;
            var text = Encoding.UTF8.GetString(m.Payload.ToArray());
            if (m.Topic == replyTopic && m.CorrelationData is { } data && data.AsSpan().SequenceEqual(correlation))
            {
                answer.TrySetResult(text);
            }
            else if (m.Topic == stateTopic && TryParse<KioskState>(text) is { } state)
            {
                lastState = state;
            }

            return Task.CompletedTask;
        };

        var options = broker.ClientOptions(clientId).WithCleanStart(true).Build();
        if (!await FleetConnection.TryConnectAsync(client, broker, options, cancellationToken).ConfigureAwait(false))
        {
            return new CommandOutcome(null, "", TimeSpan.Zero, Unreachable: true, null);
        }

        await client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(replyTopic, MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTopicFilter(stateTopic, MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(),
            cancellationToken).ConfigureAwait(false);

        var started = time.GetTimestamp();
        var request = Request(kioskBase, replyTopic, correlation, command, timeout);
        signer?.Sign(request);
        await client.PublishAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            var json = await answer.Task.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
            var result = TryParse<KioskCommandResult>(json) ?? new KioskCommandResult { Id = command.Id, Name = command.Name, Ok = false, Error = "malformed_answer", Message = "The kiosk's answer is not a KioskCommandResult." };
            return new CommandOutcome(result, json, time.GetElapsedTime(started), Unreachable: false, lastState);
        }
        catch (TimeoutException)
        {
            return new CommandOutcome(null, "", time.GetElapsedTime(started), Unreachable: false, lastState);
        }
        finally
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static MqttApplicationMessage Request(string kioskBase, string replyTopic, byte[] correlation, KioskCommand command, TimeSpan timeout) =>
        new MqttApplicationMessageBuilder()
            .WithTopic($"{kioskBase}/cmd")
            .WithPayload(Formatter.Format(command))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithContentType("application/json")
            .WithPayloadFormatIndicator(MqttPayloadFormatIndicator.CharacterData)
            .WithResponseTopic(replyTopic)
            .WithCorrelationData(correlation)
            .WithMessageExpiryInterval((uint)Math.Max(1, Math.Ceiling(timeout.TotalSeconds)))
            .WithSchema(KioskCommand.Descriptor)
            .Build();

    private static T? TryParse<T>(string json)
        where T : class, IMessage<T>, new()
    {
        try
        {
            return Parser.Parse<T>(json);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            return null;
        }
    }
}
