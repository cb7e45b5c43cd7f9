using System.Text;
using MQTTnet;

namespace KioskAgent.Tests.Testing;

/// <summary>
/// Malformed and hostile messages for a kiosk's command, configuration and member topics: bad JSON,
/// wrong types, unknown fields, binary garbage, oversized payloads, unknown schema versions and
/// names, replayed command ids and correlation data, wrong or missing response topics, stale and
/// forbidden configuration; and on every inbound topic including the ack, messages without central's
/// signature, signed by a key the kiosk does not know, or with a signature that does not verify.
/// Deterministic for a given seed.
/// </summary>
public sealed class HostileCorpus(string kioskBase, int seed = 20261122)
{
    private readonly Random _random = new(seed);

    public string ReplyTopic => $"{kioskBase}/reply/hostile";

    /// <summary>A command id that a legitimate ping used first; the corpus replays it.</summary>
    public string ReplayedId { get; } = "019ab1c2-7d3e-7abc-8def-0123456789ab";

    public List<HostileMessage> Commands()
    {
        var cmd = $"{kioskBase}/cmd";
        var messages = new List<HostileMessage>();
        Add(messages, 600, i => Answered(cmd, Text(RandomText()), "malformed"));
        Add(messages, 600, i => Answered(cmd, Text(WrongTypes(i)), "malformed"));
        Add(messages, 300, i => Answered(cmd, Text($$"""{"id":"u{{i}}","name":"ping","extra{{i}}":true}"""), "malformed"));
        Add(messages, 300, i => Answered(cmd, Garbage(1 + _random.Next(4000)), "malformed"));
        Add(messages, 380, i => Answered(cmd, Text($$"""{"id":"bad id {{i}}\n<script>","name":"ping"}"""), "malformed"));
        Add(messages, 100, i => Answered(cmd, Oversized(70_000 + _random.Next(130_000)), "oversized"));
        Add(messages, 20, i => Answered(cmd, Oversized(2_000_000), "oversized"));
        Add(messages, 300, i => Answered(cmd, Text($$"""{"id":"s{{i}}","name":"ping"}"""), "unknown_schema_version", b => b.WithUserProperty("schema-version", Utf8(i % 3 == 0 ? "2" : i % 3 == 1 ? "0" : "v1"))));
        Add(messages, 200, i => Answered(cmd, Text($$"""{"id":"w{{i}}","name":"ping"}"""), "wrong_schema", b => b.WithUserProperty("schema", Utf8("kiosk.v1.Transaction"))));
        Add(messages, 300, i => Answered(cmd, Text($$"""{"id":"n{{i}}","name":"format_disk_{{i}}"}"""), "unknown_command"));
        Add(messages, 500, i => Answered(cmd, Text($$"""{"id":"{{ReplayedId}}","name":"restart_agent"}"""), "replayed"));
        Add(messages, 300, i => new HostileMessage(cmd, Text($$"""{"id":"c{{i}}","name":"ping"}"""), b => b.WithResponseTopic(ReplyTopic), "command", "bad_correlation_data", true));
        Add(messages, 600, i => new HostileMessage(cmd, Text($$"""{"id":"t{{i}}","name":"ping"}"""), WrongResponseTopic(i), "command", "bad_response_topic", false));
        return messages;
    }

    /// <param name="appliedVersion">The version the kiosk applied before the flood: stale versions are below it.</param>
    public List<HostileMessage> Config(ulong appliedVersion)
    {
        var desired = $"{kioskBase}/config/desired";
        var messages = new List<HostileMessage>();
        Add(messages, 400, i => Refused(desired, Text(RandomText()), "malformed"));
        Add(messages, 300, i => Refused(desired, Garbage(1 + _random.Next(4000)), "malformed"));
        Add(messages, 300, i => Refused(desired, Text(i % 2 == 0 ? """{"version":"abc"}""" : """{"version":"5","settings":["a"]}"""), "malformed"));
        Add(messages, 100, i => Refused(desired, Oversized(70_000 + _random.Next(100_000)), "oversized"));
        Add(messages, 200, i => Refused(desired, Text($$"""{"version":"{{9000 + i}}"}"""), "unknown_schema_version", b => b.WithUserProperty("schema-version", Utf8("2"))));
        Add(messages, 100, i => Refused(desired, Text("""{"version":"0","settings":{"Screen:ClearAfterSeconds":"99"}}"""), "malformed"));
        Add(messages, 400, i => Refused(desired, Desired(1 + ((ulong)i % (appliedVersion - 1)), ("Screen:ClearAfterSeconds", "99")), "stale"));
        Add(messages, 400, i => Refused(desired, Desired(20_000 + (ulong)i, ("Screen:ClearAfterSeconds", "99"), (i % 2 == 0 ? "Kiosk:KioskId" : "Central:Host", "evil")), "not_allowed"));
        Add(messages, 300, i => Refused(desired, Desired(50_000 + (ulong)i, ("Screen:ClearAfterSeconds", i % 3 == 0 ? "0" : i % 3 == 1 ? "abc" : "9999")), "invalid"));
        return messages;
    }

    public List<HostileMessage> Members()
    {
        var messages = new List<HostileMessage>();
        string[] topics = [$"{kioskBase}/members/snapshot", $"{kioskBase}/members/delta", $"{kioskBase}/members/answer"];
        Add(messages, 3000, i =>
        {
            var topic = topics[i % 3];
            return (i / 3 % 5) switch
            {
                0 => new HostileMessage(topic, Text(RandomText()), null, null, null, false),
                1 => new HostileMessage(topic, Garbage(1 + _random.Next(4000)), null, null, null, false),
                2 => new HostileMessage(topic, Text($$"""{"snapshotId":{{i}},"members":"all of them","version":"-1","chunk":[]}"""), null, null, null, false),
                3 => new HostileMessage(topic, Oversized(i % 50 == 3 ? 3_000_000 : 80_000), null, null, null, false),
                _ => new HostileMessage(topic, Text("""{"version":"1"}"""), b => b.WithUserProperty("schema-version", Utf8("99")), null, null, false),
            };
        });
        return messages;
    }

    /// <summary>
    /// Messages that would do harm if they were applied (a restart, a configuration, member data, an
    /// answer, an ack settling everything), each unsigned, signed by a key the kiosk does not know,
    /// or carrying a signature that is not central's: <paramref name="perReason"/> of each per topic.
    /// </summary>
    public List<HostileMessage> Forged(int perReason = 20)
    {
        (string Topic, string Kind, Func<int, string> Payload)[] targets =
        [
            ($"{kioskBase}/cmd", "command", i => $$"""{"id":"forged-{{i}}","name":"restart_agent"}"""),
            ($"{kioskBase}/config/desired", "config", i => $$$"""{"version":"{{{900_000 + i}}}","settings":{"Screen:ClearAfterSeconds":"99"}}"""),
            ($"{kioskBase}/members/snapshot", "member_snapshot", i => $$"""{"snapshotId":"forged-{{i}}","version":"{{900_000 + i}}","index":0,"count":1}"""),
            ($"{kioskBase}/members/delta", "member_delta", i => $$"""{"version":"{{900_000 + i}}"}"""),
            ($"{kioskBase}/members/answer", "member_answer", i => """{"found":true,"points":"88888888"}"""),
            ($"{kioskBase}/ack", "ack", i => """{"contiguousSequence":"999999"}"""),
        ];
        var messages = new List<HostileMessage>();
        foreach (var (topic, kind, payload) in targets)
        {
            Add(messages, perReason, i => new HostileMessage(topic, Text(payload(i)), null, kind, "unsigned", false, Signed: false));
            Add(messages, perReason, i => new HostileMessage(topic, Text(payload(i)), ForgedSignature("central-of-someone-else"), kind, "unknown_key", false, Signed: false));
            Add(messages, perReason, i => new HostileMessage(topic, Text(payload(i)), ForgedSignature(TestCentralKey.KeyId), kind, "bad_signature", false, Signed: false));
        }

        return messages;
    }

    private static void Add(List<HostileMessage> messages, int count, Func<int, HostileMessage> make)
    {
        for (var i = 0; i < count; i++)
        {
            messages.Add(make(i));
        }
    }

    private HostileMessage Answered(string topic, byte[] payload, string reason, Action<MqttApplicationMessageBuilder>? more = null)
    {
        // Correlation data is reused across messages on purpose: the kiosk echoes, it does not dedupe by it.
        var correlation = new[] { (byte)_random.Next(4) };
        return new HostileMessage(topic, payload, b =>
        {
            b.WithResponseTopic(ReplyTopic).WithCorrelationData(correlation);
            more?.Invoke(b);
        }, "command", reason, true);
    }

    private static HostileMessage Refused(string topic, byte[] payload, string reason, Action<MqttApplicationMessageBuilder>? configure = null) =>
        new(topic, payload, configure, "config", reason, false);

    private Action<MqttApplicationMessageBuilder>? WrongResponseTopic(int i) => (i % 5) switch
    {
        0 => null,
        1 => b => b.WithResponseTopic("kiosk/v1/other-site/other-kiosk/reply/x").WithCorrelationData([1]),
        2 => b => b.WithResponseTopic($"{kioskBase}/state").WithCorrelationData([2]),
        3 => b => b.WithResponseTopic($"{kioskBase}/reply/").WithCorrelationData([3]),
        _ => b => b.WithResponseTopic($"{kioskBase}/reply/{new string('x', 300)}").WithCorrelationData([4]),
    };

    private Action<MqttApplicationMessageBuilder> ForgedSignature(string keyId)
    {
        var signature = Convert.ToBase64String(Garbage(KioskAgent.Central.Signing.CentralSignature.SignatureBytes));
        return b => b
            .WithResponseTopic(ReplyTopic).WithCorrelationData([9])
            .WithUserProperty("sig-key", Utf8(keyId))
            .WithUserProperty("sig", Utf8(signature));
    }

    private string WrongTypes(int i) => (i % 6) switch
    {
        0 => """{"id":5,"name":"ping"}""",
        1 => """{"id":"a","name":["ping"]}""",
        2 => """{"id":"a","name":"ping","args":"lines=5"}""",
        3 => """{"id":"a","name":"ping","args":{"lines":5}}""",
        4 => """{"id":"a","name":"ping","sentAt":"yesterday"}""",
        _ => "{\"id\":{\"nested\":{\"deep\":[" + new string('[', 40) + new string(']', 40) + "]}},\"name\":\"ping\"}",
    };

    private string RandomText()
    {
        const string alphabet = "{}[]\":,abc123 \\ntrue null 会员 \u0000\u001f";
        var chars = new char[1 + _random.Next(200)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[_random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    private byte[] Garbage(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Oversized(int length) => Encoding.UTF8.GetBytes("{\"id\":\"x\",\"name\":\"ping\",\"args\":{\"a\":\"" + new string('a', length) + "\"}}");

    private static byte[] Desired(ulong version, params (string Key, string Value)[] settings)
    {
        var desired = new KioskAgent.Contracts.V1.DesiredConfig { Version = version };
        foreach (var (key, value) in settings)
        {
            desired.Settings[key] = value;
        }

        return Text(Google.Protobuf.JsonFormatter.Default.Format(desired));
    }

    private static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    private static ReadOnlyMemory<byte> Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
