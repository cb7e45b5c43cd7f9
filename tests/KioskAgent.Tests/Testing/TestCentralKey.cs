using KioskAgent.Central.Signing;
using MQTTnet;

namespace KioskAgent.Tests.Testing;

/// <summary>
/// The test run's central signing key (docs/mqtt-contract.md, "Signatures"). Every agent a test
/// starts trusts it (<see cref="AgentSettings.TrustTestCentralKey"/>), <see cref="TestCentral"/>'s
/// reference central signs with it, and <see cref="MqttProbe"/> and <see cref="TestCentral.PublishRawAsync(string, byte[], Action{MqttApplicationMessageBuilder}?, bool, bool)"/>
/// sign every central → kiosk message with it unless told not to, so tests that publish as central
/// keep working with signatures required.
/// </summary>
public static class TestCentralKey
{
    private static readonly string[] InboundSuffixes = ["/ack", "/cmd", "/config/desired", "/members/snapshot", "/members/delta", "/members/answer", "/vouchers/answer", "/activities", "/checkins/relay"];

    /// <summary>A fresh key for the run, under its default id (as `kioskctl fleet keygen` makes them), so kioskctl needs no --signing-key-id.</summary>
    public static CentralSigner Signer { get; } = CentralSigner.Generate();

    public static string KeyId => Signer.KeyId;

    public static string PublicKeyPem { get; } = Signer.PublicKeyPem();

    /// <summary>The private key as a PEM file, for <c>kioskctl fleet cmd --signing-key</c>.</summary>
    public static string PrivateKeyFile { get; } = WriteKeyFile();

    /// <summary>The agent's Central:SigningKeys entry at <paramref name="index"/> for a key (KIOSK_ environment variables).</summary>
    public static Dictionary<string, string> AgentTrust(CentralSigner signer, int index = 0) => new()
    {
        [$"Central__SigningKeys__{index}__Id"] = signer.KeyId,
        [$"Central__SigningKeys__{index}__PublicKeyPem"] = signer.PublicKeyPem(),
    };

    private static string WriteKeyFile()
    {
        var path = Path.Combine(TestPaths.NewTempDirectory("central-key"), "central-signing.key");
        File.WriteAllText(path, Signer.PrivateKeyPem());
        return path;
    }

    /// <summary>True for the topics only central publishes to (a kiosk's inbound topics).</summary>
    public static bool IsCentralToKiosk(string topic) => InboundSuffixes.Any(s => topic.EndsWith(s, StringComparison.Ordinal));

    /// <summary>Signs with <paramref name="signer"/> (default: the test run's key) when the topic is central → kiosk.</summary>
    public static MqttApplicationMessage SignIfInbound(MqttApplicationMessage message, CentralSigner? signer = null) =>
        IsCentralToKiosk(message.Topic) ? (signer ?? Signer).Sign(message) : message;
}
