using System.Text;
using KioskAgent.Central.Signing;
using KioskAgent.Tests.Testing;
using MQTTnet;

namespace KioskAgent.Tests.Unit.Signing;

/// <summary>The test vector in docs/mqtt-contract.md ("Signatures") is what the code signs and verifies.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class CentralSignatureDocTests
{
    [Fact]
    public void TestVector_SignedBytesHashAndSignature_AreAsDocumented()
    {
        var vector = TestVector.Read();
        var message = vector.Message();

        Assert.Equal(vector.SignedBytesHex, Convert.ToHexStringLower(CentralSignature.SignedBytes(message)));
        Assert.Equal(vector.HashHex, Convert.ToHexStringLower(CentralSignature.Hash(message)));
        using var ring = new CentralKeyRing([(vector.KeyId, CentralKeyRing.ParsePublicKey(vector.PublicKeyPem))]);
        Assert.Equal(SignatureVerdict.Valid, ring.Verify(message));
    }

    [Fact]
    public void TestVector_WithAnyPartChanged_DoesNotVerify()
    {
        var vector = TestVector.Read();
        using var ring = new CentralKeyRing([(vector.KeyId, CentralKeyRing.ParsePublicKey(vector.PublicKeyPem))]);
        Func<MqttApplicationMessage, MqttApplicationMessage>[] changes =
        [
            m => { m.Topic = "kiosk/v1/site-01/kiosk-02/cmd"; return m; },
            m => { m.ResponseTopic = "kiosk/v1/site-01/kiosk-01/reply/other"; return m; },
            m => { m.CorrelationData = Encoding.UTF8.GetBytes("c-43"); return m; },
            m => { m.Payload = new System.Buffers.ReadOnlySequence<byte>(Encoding.UTF8.GetBytes("{\"id\":\"019ab1c2-7d3e-7abc-8def-0123456789ab\",\"name\":\"restart_agent\"}")); return m; },
            m => { m.UserProperties![0] = new MQTTnet.Packets.MqttUserProperty("schema", Encoding.UTF8.GetBytes("kiosk.v1.DesiredConfig")); return m; },
            m => { m.UserProperties!.Insert(0, new MQTTnet.Packets.MqttUserProperty("extra", Encoding.UTF8.GetBytes("1"))); return m; },
        ];

        foreach (var change in changes)
        {
            Assert.Equal(SignatureVerdict.BadSignature, ring.Verify(change(vector.Message())));
        }
    }

    /// <summary>The block after "### Test vector" in docs/mqtt-contract.md.</summary>
    private sealed record TestVector(string PublicKeyPem, string Topic, string ResponseTopic, byte[] Correlation, List<(string Name, string Value)> Properties, string Payload, string SignedBytesHex, string HashHex)
    {
        public string KeyId => Properties.Single(p => p.Name == CentralSignature.KeyProperty).Value;

        public static TestVector Read()
        {
            var doc = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "mqtt-contract.md"));
            var section = doc[doc.IndexOf("### Test vector", StringComparison.Ordinal)..];
            var start = section.IndexOf("```text\n", StringComparison.Ordinal) + "```text\n".Length;
            var lines = section[start..section.IndexOf("\n```", start, StringComparison.Ordinal)].Split('\n');
            var pem = string.Join('\n', lines.SkipWhile(l => !l.StartsWith("-----BEGIN", StringComparison.Ordinal)).TakeWhile(l => !l.StartsWith("topic:", StringComparison.Ordinal)));
            string Value(string label) => lines.Single(l => l.StartsWith(label + ": ", StringComparison.Ordinal))[(label.Length + 2)..];
            var properties = lines
                .Where(l => l.StartsWith("user property: ", StringComparison.Ordinal))
                .Select(l => l["user property: ".Length..].Split(" = ", 2))
                .Select(p => (p[0], p[1]))
                .ToList();
            return new TestVector(pem, Value("topic"), Value("response topic"), Convert.FromHexString(Value("correlation data (hex)")), properties, Value("payload"), Value("signed bytes (hex)"), Value("SHA-256 of the signed bytes (hex)"));
        }

        public MqttApplicationMessage Message()
        {
            var builder = new MqttApplicationMessageBuilder()
                .WithTopic(Topic)
                .WithResponseTopic(ResponseTopic)
                .WithCorrelationData(Correlation)
                .WithPayload(Payload);
            foreach (var (name, value) in Properties)
            {
                builder.WithUserProperty(name, Encoding.UTF8.GetBytes(value));
            }

            return builder.Build();
        }
    }
}
