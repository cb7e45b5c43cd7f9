using System.Buffers;
using System.Text;
using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;
using MQTTnet;

namespace KioskAgent.Tests.Unit;

/// <summary>
/// The strict reading every message from central gets (acks, commands, desired configuration).
/// Numbers in proto fields follow the proto3 JSON mapping (a number or a decimal string; exponent
/// notation is part of the mapping), nothing looser.
/// </summary>
[Trait("Category", TestCategories.Unit)]
public sealed class InboundJsonTests
{
    [Theory]
    [InlineData("\"16\"", true)]
    [InlineData("16", true)]
    [InlineData("\"1e1\"", true)]
    [InlineData("\"0x10\"", false)]
    [InlineData("\" 16\"", false)]
    [InlineData("\"16 \"", false)]
    [InlineData("\"1,6\"", false)]
    [InlineData("\"１６\"", false)]
    [InlineData("\"-16\"", false)]
    [InlineData("16.5", false)]
    public void TryParse_NumbersFollowTheProto3JsonMapping(string version, bool accepted)
    {
        var ok = InboundJson.TryParse<DesiredConfig>(Message($$"""{"version":{{version}}}"""), 1024, out var parsed, out var refusal);

        Assert.Equal(accepted, ok);
        Assert.Equal(accepted ? "" : InboundJson.Malformed, refusal);
        if (accepted)
        {
            Assert.Contains(parsed!.Version, new ulong[] { 16, 10 });
        }
    }

    [Fact]
    public void TryParse_AnAckWithAnUnknownFieldOrBrokenUtf8_IsMalformed()
    {
        var unknown = Message("""{"contiguousSequence":"0","surprise":true}""");
        var broken = new MqttApplicationMessage { Topic = "t", Payload = new ReadOnlySequence<byte>([.. Encoding.UTF8.GetBytes("""{"results":[{"reason":"x"""), 0xFF, .. Encoding.UTF8.GetBytes("\"}]}")]) };

        Assert.False(InboundJson.TryParse<TransactionAck>(unknown, 1024, out _, out var first));
        Assert.False(InboundJson.TryParse<TransactionAck>(broken, 1024, out _, out var second));
        Assert.Equal((InboundJson.Malformed, InboundJson.Malformed), (first, second));
    }

    private static MqttApplicationMessage Message(string json) =>
        new() { Topic = "t", Payload = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)) };
}
